import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../shared/logger';
import {
  createSubgraphSchema,
  createSubgraphServer,
  readSchema,
  type SubgraphServer,
} from '../../shared/subgraph';
import { createContext, type EducationContext } from './context';
import { resolvers } from './resolvers';

/** Education's SDL, as composed into the supergraph. */
export const typeDefs = readSchema(path.join(__dirname, 'schema.graphql'));

/** What the education server needs; tests pass their own. */
export interface EducationDeps {
  dataSource: DataSource;
  logger?: Logger;
  production?: boolean;
  now?: () => Date;
}

/** Builds the education subgraph server. Does not listen and does not read the environment. */
export function createServer(deps: EducationDeps): SubgraphServer<EducationContext> {
  const now = deps.now ?? (() => new Date());
  return createSubgraphServer({
    schema: createSubgraphSchema(typeDefs, resolvers),
    dataSource: deps.dataSource,
    production: deps.production,
    context: async () => createContext(deps.dataSource, now),
  });
}
