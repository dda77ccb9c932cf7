// Verifies each subgraph's hash-chained audit log and names the first broken link:
//
//   npm run audit:verify                 every subgraph, from the same settings as npm start
//   npm run audit:verify -- police       one subgraph
//
// Exits 0 when every chain holds, 1 when one is broken, 2 on bad arguments or settings.
import 'reflect-metadata';
import { verifyAuditChain } from '../shared/audit';
import { loadConfigOrExit, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { openSubgraphDatabase } from './databases';

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
    // Beside a running system this attaches to its PostgreSQL and only reads; otherwise it starts
    // the embedded cluster for the check and stops it after.
    const database = await openSubgraphDatabase(config, name, `mash-audit-verify-${name}`);
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
