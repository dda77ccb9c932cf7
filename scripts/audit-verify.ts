// Verifies each subgraph's hash-chained audit log and names the first broken link:
//
//   npm run audit:verify                 every subgraph, from the same settings as npm start
//   npm run audit:verify -- police       one subgraph
//
// Exits 0 when every chain holds, 1 when one is broken, 2 on bad arguments or settings.
import 'reflect-metadata';
import { verifyAuditChain } from '../shared/audit';
import { loadConfigOrExit, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { createDatabase } from '../shared/database';
import { SCHEMAS } from '../seed/seed';
import { isSubgraphRunning } from './running';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const asked = process.argv.slice(2);
  const unknown = asked.filter((n) => !(SUBGRAPH_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown subgraph: ${unknown.join(', ')}\n`);
    process.exit(2);
  }
  const names = (asked.length > 0 ? asked : SUBGRAPH_NAMES) as SubgraphName[];
  let broken = false;
  for (const name of names) {
    // An embedded database belongs to one process at a time; opening it beside its running
    // subgraph could corrupt it.
    if (
      config.subgraphs[name].database.kind === 'pglite' &&
      (await isSubgraphRunning(config, name))
    ) {
      process.stderr.write(
        `${name} is running on its embedded database; stop npm start first, then verify\n`,
      );
      process.exit(2);
    }
    const database = await createDatabase({
      database: config.subgraphs[name].database,
      ...SCHEMAS[name],
      applicationName: `mash-audit-verify-${name}`,
    });
    try {
      const check = await verifyAuditChain(database.dataSource);
      if (check.broken) {
        broken = true;
        process.stdout.write(
          `${name}: BROKEN at seq ${check.broken.seq}: ${check.broken.problem} (${check.rows} rows read)\n`,
        );
      } else {
        // The head: write it down somewhere else (a ticket, another system). The chain proves
        // every row up to a head; only a head kept elsewhere shows rows were not cut off the end.
        const [head] = (await database.dataSource.query(
          'SELECT seq::text AS seq, hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1',
        )) as { seq: string; hash: string }[];
        process.stdout.write(
          `${name}: ok, ${check.rows} rows, every link holds${head ? `; head ${head.seq} ${head.hash}` : ''}\n`,
        );
      }
    } finally {
      await database.close();
    }
  }
  process.exit(broken ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:verify failed: ${String(error)}\n`);
  process.exit(2);
});
