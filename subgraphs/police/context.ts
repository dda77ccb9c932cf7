import type { DataSource } from 'typeorm';
import type { MatchThresholds } from '../../shared/partner/matching';
import type { RequestScope } from '../../shared/subgraph';
import { createLoaders, type Loaders } from './loaders';

/** What every police resolver receives. */
export interface PoliceContext extends RequestScope {
  dataSource: DataSource;
  loaders: Loaders;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(
  dataSource: DataSource,
  scope: RequestScope,
  matchThresholds?: MatchThresholds,
): PoliceContext {
  return { ...scope, dataSource, loaders: createLoaders(dataSource, matchThresholds, scope.now) };
}
