import type { DataSource } from 'typeorm';
import { DEFAULT_RAG_TARGETS, type RagTargets } from '../../shared/clocks';
import type { RequestScope } from '../../shared/subgraph';
import { createLoaders, type Loaders } from './loaders';

/** What every socialcare resolver receives. */
export interface SocialcareContext extends RequestScope {
  dataSource: DataSource;
  loaders: Loaders;
  /** The authority's RAG response targets, elapsed hours per rating. */
  ragTargets: RagTargets;
  /** Aggregate counts from 1 to this less one are withheld (analytics/suppression.ts); 0: off. */
  analyticsSuppressBelow: number;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(
  dataSource: DataSource,
  scope: RequestScope,
  ragTargets: RagTargets = DEFAULT_RAG_TARGETS,
  analyticsSuppressBelow = 0,
): SocialcareContext {
  return {
    ...scope,
    dataSource,
    ragTargets,
    analyticsSuppressBelow,
    loaders: createLoaders(dataSource),
  };
}
