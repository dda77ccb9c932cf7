import type { Config, SubgraphName } from '../shared/config';

/**
 * True when a subgraph answers its health probe on its configured port: a command that opens that
 * subgraph's embedded (PGlite) database itself must not run then, as PGlite serves one process.
 */
export async function isSubgraphRunning(config: Config, name: SubgraphName): Promise<boolean> {
  const url = `http://127.0.0.1:${config.subgraphs[name].port}/health`;
  return fetch(url, { signal: AbortSignal.timeout(1000) }).then(
    (r) => r.ok,
    () => false,
  );
}
