import type { DataSource } from 'typeorm';
import { DEFAULT_RAG_TARGETS, type RagTargets } from './clocks';
import type { RequestScope } from '../../shared/subgraph';
import { ANNEX_A_LIST_MAX_ROWS } from './analytics/lists';
import { createLoaders, type Loaders } from './loaders';

/** The authority's settings socialcare works to (shared/config.ts reads them). */
export interface SocialcareSettings {
  /** The authority's RAG response targets, elapsed hours per rating. */
  ragTargets: RagTargets;
  /** Aggregate counts from 1 to this less one are withheld (analytics/suppression.ts); 0: off. */
  analyticsSuppressBelow: number;
  /** How often, in working days, a child on a child protection plan is visited. */
  cpVisitWorkingDays: number;
  /**
   * The key of shared/pseudonym.ts the Annex A lists' child ids are pseudonymised with; null: none
   * configured, and `annexAList` refuses rather than identify a child.
   */
  pseudonymKey: string | null;
  /** The most rows `annexAList` answers with (analytics/lists.ts); a longer list is refused. */
  annexAListMaxRows: number;
}

/** The settings when none are given: the defaults of shared/config.ts. */
export const DEFAULT_SOCIALCARE_SETTINGS: SocialcareSettings = {
  ragTargets: DEFAULT_RAG_TARGETS,
  analyticsSuppressBelow: 0,
  cpVisitWorkingDays: 10,
  pseudonymKey: null,
  annexAListMaxRows: ANNEX_A_LIST_MAX_ROWS,
};

/** What every socialcare resolver receives. */
export interface SocialcareContext extends RequestScope, SocialcareSettings {
  dataSource: DataSource;
  loaders: Loaders;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(
  dataSource: DataSource,
  scope: RequestScope,
  settings: Partial<SocialcareSettings> = {},
): SocialcareContext {
  return {
    ...scope,
    ...DEFAULT_SOCIALCARE_SETTINGS,
    ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
    dataSource,
    loaders: createLoaders(dataSource),
  };
}
