import type { DataSource } from 'typeorm';
import type { MatchThresholds } from '../../shared/partner/matching';
import type { RequestScope } from '../../shared/subgraph';
import { createLoaders, type Loaders } from './loaders';

/** What every probation resolver receives. */
export interface ProbationContext extends RequestScope {
  dataSource: DataSource;
  loaders: Loaders;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(
  dataSource: DataSource,
  scope: RequestScope,
  matchThresholds?: MatchThresholds,
): ProbationContext {
  return { ...scope, dataSource, loaders: createLoaders(dataSource, matchThresholds, scope.now) };
}
