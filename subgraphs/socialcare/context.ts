import type { DataSource } from 'typeorm';
import { GrantBatch, type GrantListSigner } from '../../shared/grants';
import type { RequestScope } from '../../shared/subgraph';
import { createLoaders, type Loaders } from './loaders';
import {
  ANNEX_A_LIST_MAX_ROWS,
  DEFAULT_SOCIALCARE_SETTINGS,
  type SocialcareSettings,
} from './settings';

/** What socialcare works to: its settings (./settings.ts) and the Annex A list bound. */
export interface SocialcareOptions extends SocialcareSettings {
  /** The most rows `annexAList` answers with (analytics/lists.ts); a longer list is refused. */
  annexAListMaxRows: number;
}

/** What every socialcare resolver receives. */
export interface SocialcareContext extends RequestScope, SocialcareOptions {
  dataSource: DataSource;
  loaders: Loaders;
  /**
   * Signs the partners' relationship grants (./relationship.ts), those of one turn together;
   * absent in a test's server.
   */
  grantBatch?: GrantBatch;
  /** This request's break-glass, once decided (./relationship.ts). */
  breakGlassOutcome?: Promise<'USED' | 'ALLOWANCE_EXCEEDED'>;
  /** Set once the request's refused break-glass is in the audit. */
  breakGlassRefusalRecorded?: boolean;
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(
  dataSource: DataSource,
  scope: RequestScope,
  settings: Partial<SocialcareOptions> = {},
  signGrants?: GrantListSigner,
): SocialcareContext {
  return {
    ...scope,
    ...DEFAULT_SOCIALCARE_SETTINGS,
    annexAListMaxRows: ANNEX_A_LIST_MAX_ROWS,
    ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
    dataSource,
    loaders: createLoaders(dataSource),
    ...(signGrants ? { grantBatch: new GrantBatch(signGrants, scope.principal) } : {}),
  };
}
