import {
  createSubgraphServer,
  readSchemaFiles,
  type SubgraphDeps,
  type SubgraphServer,
} from '../../shared/subgraph';
import { createContext, type PoliceContext } from './context';
import { resolvers } from './resolvers';

/** Police's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/** Builds the police subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: SubgraphDeps): SubgraphServer<PoliceContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    context: (scope) => createContext(deps.dataSource, scope, deps.matchThresholds),
  });
}
