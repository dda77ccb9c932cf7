import {
  createSubgraphServer,
  readSchemaFiles,
  type SubgraphDeps,
  type SubgraphServer,
} from '../../shared/subgraph';
import { ErrorCode } from './errors';
import { createContext, type SocialcareContext } from './context';
import { resolvers } from './resolvers';
import type { SocialcareSettings } from './settings';

/** Socialcare's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/**
 * What socialcare's server takes beyond every subgraph's deps: its own settings (./settings.ts;
 * each defaults when absent, the pseudonym key to none) and a test's limits.
 */
export interface SocialcareDeps
  extends SubgraphDeps, Partial<Omit<SocialcareSettings, 'pseudonymKey'>> {
  /**
   * The key for analysts' pseudonymised child ids (`pseudonymKeyFor` in ./settings.ts); absent:
   * Annex A lists are refused with PSEUDONYM_KEY_NOT_CONFIGURED.
   */
  pseudonymKey?: string;
  /**
   * The most rows `annexAList` answers with; ANNEX_A_LIST_MAX_ROWS (analytics/lists.ts) when
   * absent. No setting reaches it: tests lower it to see the refusal.
   */
  annexAListMaxRows?: number;
}

/** Builds the socialcare subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: SocialcareDeps): SubgraphServer<SocialcareContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    codes: Object.values(ErrorCode),
    context: (scope) =>
      createContext(
        deps.dataSource,
        scope,
        {
          ragTargets: deps.ragTargets,
          analyticsSuppressBelow: deps.analyticsSuppressBelow,
          cpVisitWorkingDays: deps.cpVisitWorkingDays,
          pseudonymKey: deps.pseudonymKey,
          annexAListMaxRows: deps.annexAListMaxRows,
          breakGlassDailyAllowance: deps.breakGlassDailyAllowance,
        },
        deps.signGrants,
      ),
  });
}
