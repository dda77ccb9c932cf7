import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { readSchemaFiles } from '../shared/subgraph';

const REPO_ROOT = path.resolve(__dirname, '..');

/** Where the committed, composed supergraph lives. */
export const SUPERGRAPH_FILE = path.join(REPO_ROOT, 'supergraph.graphql');

/**
 * Composes the four subgraph schemas (`subgraphs/<name>/schema.graphql`, or the files of
 * `subgraphs/<name>/schema/` in name order: shared/subgraph.ts `readSchemaFiles`) into a supergraph
 * SDL. `replace` gives a subgraph's SDL instead of its committed files (the partner contract suite
 * composes a running subgraph's own `_service.sdl` with the committed others).
 * The URLs written into it are the local defaults; the gateway replaces them with its config.
 * Throws with every composition error listed when the subgraphs do not compose.
 */
export function composeSupergraph(replace: Partial<Record<SubgraphName, string>> = {}): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
      typeDefs: parse(replace[name] ?? readSchemaFiles(path.join(REPO_ROOT, 'subgraphs', name))),
    })),
  );
  if (result.errors) {
    throw new Error(
      `Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}
