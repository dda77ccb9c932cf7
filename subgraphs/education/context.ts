import type { DataSource } from 'typeorm';
import type { MatchThresholds } from '../../shared/partner/matching';
import type { RequestScope } from '../../shared/subgraph';
import { createLoaders, type Loaders } from './loaders';

/** What every education resolver receives. */
export interface EducationContext extends RequestScope {
  loaders: Loaders;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(
  dataSource: DataSource,
  scope: RequestScope,
  matchThresholds?: MatchThresholds,
): EducationContext {
  return { ...scope, loaders: createLoaders(dataSource, matchThresholds, scope.now) };
}
