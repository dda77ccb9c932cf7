import {
  createSubgraphServer,
  readSchemaFiles,
  type SubgraphDeps,
  type SubgraphServer,
} from '../../shared/subgraph';
import { createContext, type EducationContext } from './context';
import { resolvers } from './resolvers';

/** Education's SDL, as composed into the supergraph. */
export const typeDefs = readSchemaFiles(__dirname);

/** Builds the education subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: SubgraphDeps): SubgraphServer<EducationContext> {
  return createSubgraphServer({
    typeDefs,
    resolvers,
    deps,
    context: (scope) => createContext(deps.dataSource, scope, deps.matchThresholds),
  });
}
