import type { DataSource } from 'typeorm';
import { createLoaders, type Loaders } from './loaders';

/** What every socialcare resolver receives. */
export interface SocialcareContext {
  dataSource: DataSource;
  loaders: Loaders;
  /** The current instant; injected so tests can fix it. */
  now: Date;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(dataSource: DataSource, now: Date): SocialcareContext {
  return { dataSource, loaders: createLoaders(dataSource), now };
}
