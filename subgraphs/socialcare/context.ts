import type { DataSource } from 'typeorm';
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
}

/** Builds one request's context: fresh loaders, so nothing cached is shared between requests. */
export function createContext(
  dataSource: DataSource,
  scope: RequestScope,
  settings: Partial<SocialcareOptions> = {},
): SocialcareContext {
  return {
    ...scope,
    ...DEFAULT_SOCIALCARE_SETTINGS,
    annexAListMaxRows: ANNEX_A_LIST_MAX_ROWS,
    ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
    dataSource,
    loaders: createLoaders(dataSource),
  };
}
