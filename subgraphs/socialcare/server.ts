import path from 'node:path';
import {
  createSubgraphServer,
  readSchema,
  type SubgraphDeps,
  type SubgraphServer,
} from '../../shared/subgraph';
import { createContext, type SocialcareContext } from './context';
import { resolvers } from './resolvers';

/** Socialcare's SDL, as composed into the supergraph. */
export const typeDefs = readSchema(path.join(__dirname, 'schema.graphql'));

/** Builds the socialcare subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: SubgraphDeps): SubgraphServer<SocialcareContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    context: (scope) =>
      createContext(deps.dataSource, scope, {
        ragTargets: deps.ragTargets,
        analyticsSuppressBelow: deps.analyticsSuppressBelow,
        cpVisitWorkingDays: deps.cpVisitWorkingDays,
      }),
  });
}
