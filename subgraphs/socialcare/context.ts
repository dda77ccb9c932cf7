import type { DataSource } from 'typeorm';
import type { RequestScope } from '../../shared/subgraph';
import { createLoaders, type Loaders } from './loaders';

/** What every socialcare resolver receives. */
export interface SocialcareContext extends RequestScope {
  dataSource: DataSource;
  loaders: Loaders;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(dataSource: DataSource, scope: RequestScope): SocialcareContext {
  return { ...scope, dataSource, loaders: createLoaders(dataSource) };
}
