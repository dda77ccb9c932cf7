import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { findBreakingChanges, type GraphQLSchema } from 'graphql';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../../gateway/supergraph';
import { fail, pass, verdictOf, type Clause } from '../clause';
import type { ContractContext } from '../context';

/**
 * The subgraph's own SDL (`_service { sdl }`) composes with the committed schemas of the others,
 * and the API schema that gives has no breaking change against the committed supergraph's.
 */

/** The API schema (what clients see: no join or link machinery, no @inaccessible) of a supergraph. */
function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The committed supergraph's API schema, read once per process. */
let committedApi: GraphQLSchema | undefined;

const supergraphs = new WeakMap<ContractContext, Promise<string>>();

/** The supergraph with the running subgraph's SDL in place of its committed one (composed once). */
function composed(ctx: ContractContext): Promise<string> {
  let supergraph = supergraphs.get(ctx);
  if (!supergraph) {
    supergraph = ctx.sdl().then((sdl) => composeSupergraph({ [ctx.agency]: sdl }));
    supergraphs.set(ctx, supergraph);
  }
  return supergraph;
}

export const composesClause: Clause = {
  id: 'composes',
  async check(ctx) {
    try {
      await composed(ctx);
    } catch (error) {
      return fail((error as Error).message.replace(/\n\s*/g, ' '));
    }
    return pass('its _service SDL composes with the committed schemas of the other subgraphs');
  },
};

export const noBreakingChangeClause: Clause = {
  id: 'no-breaking-change',
  async check(ctx) {
    let supergraph: string;
    try {
      supergraph = await composed(ctx);
    } catch {
      return fail('it does not compose (see composes)');
    }
    committedApi ??= apiSchema(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
    const committed = committedApi;
    const changes = findBreakingChanges(committed, apiSchema(supergraph));
    return verdictOf(
      changes.map((c) => `${c.type}: ${c.description}`),
      'no breaking change to the API schema against the committed supergraph.graphql',
    );
  },
};
