import type { DataSource } from 'typeorm';
import { createLoaders, type Loaders } from './loaders';

/** What every education resolver receives. */
export interface EducationContext {
  loaders: Loaders;
  /** The current instant; injected so tests can fix it. */
  now: Date;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(dataSource: DataSource, now: Date): EducationContext {
  return { loaders: createLoaders(dataSource), now };
}
