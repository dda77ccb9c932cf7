import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { readSchemaFiles } from '../shared/subgraph';

const REPO_ROOT = path.resolve(__dirname, '..');

/** Where the committed, composed supergraph lives. */
export const SUPERGRAPH_FILE = path.join(REPO_ROOT, 'supergraph.graphql');

/**
 * Where the breaking changes to the supergraph's API that someone has decided to make are
 * acknowledged, beside the supergraph (gateway/schema-check.ts reads and writes it).
 */
export const BREAKING_CHANGES_FILE = path.join(REPO_ROOT, 'supergraph.breaking.json');

/** One subgraph as composition takes it: its name, the URL written for it, and its SDL text. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** One reason the subgraphs do not compose, with federation's code (`FIELD_TYPE_MISMATCH`...). */
export interface CompositionProblem {
  code: string;
  message: string;
}

/** The outcome of composing: a supergraph SDL ending in one newline, or every problem found. */
export type Composition =
  { ok: true; supergraphSdl: string } | { ok: false; errors: CompositionProblem[] };

/** Thrown by `composeSupergraph` when the subgraphs do not compose, listing every error. */
export class CompositionError extends Error {
  constructor(readonly errors: CompositionProblem[]) {
    super(formatCompositionErrors(errors));
    this.name = 'CompositionError';
  }
}

/** The four subgraphs of this repository, with the local default URLs. */
export function repositorySubgraphs(): SubgraphSource[] {
  return SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
    sdl: readSchemaFiles(path.join(REPO_ROOT, 'subgraphs', name)),
  }));
}

/**
 * Composes subgraphs into a supergraph. Never throws for a bad schema: a subgraph that does not
 * parse is reported as `INVALID_GRAPHQL` (federation's code for it) naming the subgraph, and
 * composition runs only once every subgraph parses; its errors keep their own codes.
 */
export function composeSubgraphs(subgraphs: readonly SubgraphSource[]): Composition {
  const parsed: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const syntaxErrors: CompositionProblem[] = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      parsed.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const at = error.locations?.[0];
      const where = at ? ` (line ${at.line}, column ${at.column})` : '';
      syntaxErrors.push({ code: 'INVALID_GRAPHQL', message: `[${name}] ${error.message}${where}` });
    }
  }
  if (syntaxErrors.length > 0) return { ok: false, errors: syntaxErrors };

  const result = composeServices(parsed);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((e) => ({
        code: typeof e.extensions.code === 'string' ? e.extensions.code : 'UNKNOWN',
        message: e.message,
      })),
    };
  }
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n` };
}

/** The composition errors as the CLI prints them: a heading, then `  - CODE: message` each. */
export function formatCompositionErrors(errors: readonly CompositionProblem[]): string {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  return [
    `Composition failed with ${count}:`,
    ...errors.map((e) => `  - ${e.code}: ${e.message}`),
  ].join('\n');
}

/**
 * Composes every registry subgraph's schema (`subgraphs/<name>/schema.graphql`, or the files of
 * `subgraphs/<name>/schema/` in name order: shared/subgraph.ts `readSchemaFiles`) into a supergraph
 * SDL. `replace` gives a subgraph's SDL instead of its committed files (the partner contract suite
 * composes a running subgraph's own `_service.sdl` with the committed others).
 * The URLs written into it are the local defaults; the gateway replaces them with its config.
 * Throws a `CompositionError` with every error and its code listed when the subgraphs do not
 * compose.
 */
export function composeSupergraph(replace: Partial<Record<SubgraphName, string>> = {}): string {
  const composition = composeSubgraphs(
    repositorySubgraphs().map((s) => ({ ...s, sdl: replace[s.name] ?? s.sdl })),
  );
  if (!composition.ok) throw new CompositionError(composition.errors);
  return composition.supergraphSdl;
}
