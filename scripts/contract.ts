// Certifies a running partner subgraph against the partner contract (docs/contract.md), over HTTP
// only, so that a subgraph in any stack can be certified. Prints one line per clause and exits 0
// when none fails (a skipped clause says why), 1 when any fails, 2 on bad arguments.
//
//   npm run contract -- --agency police --url http://127.0.0.1:4002/graphql
//   npm run contract -- --agency health --url http://127.0.0.1:4003/graphql \
//     --audit-database-url configured
//
// --signing-key <file>   the gateway's private JWK for internal tokens (default: INTERNAL_SIGNING_KEY,
//                        or the development internal key under the data directory, as npm start uses)
// --grant-signing-key <file>   socialcare's private JWK for relationship grants (default:
//                        GRANT_SIGNING_KEY, or the development grant key under the data directory)
// --seed, --scale        the world the agency's data was loaded from (default: MASH_SEED, MASH_SCALE)
// --as-of <instant>      the instant it was generated as of (default: that of ./data's ground truth)
// --audit-database-url   where the agency's audit_log is: a PostgreSQL URL, or `configured` for
//                        the agency's database as this project's settings give it (npm start's)
// --only <ids>           only these clauses, comma-separated
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../shared/config';
import { serviceUrl } from '../shared/database';
import { loadSigningKey } from '../shared/keys';
import { groundTruthPath, seedDate } from '../seed/files';
import { generateWorld } from '../seed/world';
import { postgresAuditSource } from './contract/audit-source';
import { CLAUSES } from './contract/clauses';
import { PARTNERS, type Partner } from './contract/fixtures';
import { formatResult, runContract, summaryLine } from './contract/runner';

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\n` +
      'usage: npm run contract -- --agency <agency> --url <graphql url> [--signing-key <file>]\n' +
      '         [--grant-signing-key <file>] [--seed <n>] [--scale <x>] [--as-of <instant>]\n' +
      '         [--audit-database-url <url>] [--only <clause,...>]\n' +
      `agencies: ${PARTNERS.join(', ')}; clauses: ${CLAUSES.map((c) => c.id).join(', ')}\n`,
  );
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        agency: { type: 'string' },
        url: { type: 'string' },
        'signing-key': { type: 'string' },
        'grant-signing-key': { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        'as-of': { type: 'string' },
        'audit-database-url': { type: 'string' },
        only: { type: 'string' },
      },
    }).values;
  } catch (error) {
    return usage((error as Error).message);
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  const config = loadConfigOrExit();
  const agency = args.agency as Partner;
  if (!PARTNERS.includes(agency)) usage(`--agency must be one of ${PARTNERS.join(', ')}`);
  if (!args.url || !URL.canParse(args.url)) usage('--url must be the subgraph GraphQL URL');
  const keyFile = args['signing-key'] ?? config.auth.internalSigningKey;
  if (!keyFile) usage('--signing-key is needed in production mode');
  const grantKeyFile = args['grant-signing-key'] ?? config.auth.grantSigningKey;
  if (!grantKeyFile) usage('--grant-signing-key is needed in production mode');
  if (!args['as-of'] && !fs.existsSync(groundTruthPath(config))) {
    usage(`--as-of is needed: ${groundTruthPath(config)} does not say when the world was made`);
  }
  const asOf = args['as-of'] ? new Date(args['as-of']) : seedDate(config);
  const seed = Number(args.seed ?? config.seed.seed);
  const scale = Number(args.scale ?? config.seed.scale);
  if (Number.isNaN(asOf.getTime()) || !Number.isInteger(seed) || !(scale > 0)) {
    usage('--seed must be an integer, --scale a positive number, --as-of an ISO instant');
  }
  const signingKey = await loadSigningKey(keyFile);
  const grantSigningKey = await loadSigningKey(grantKeyFile);
  process.stdout.write(
    `Partner contract: ${agency} at ${args.url}; fixtures from the world of seed ${seed}, ` +
      `scale ${scale}, as of ${asOf.toISOString()}\n`,
  );
  const auditUrl = args['audit-database-url'];
  const audit = auditUrl
    ? postgresAuditSource(
        auditUrl === 'configured' ? serviceUrl(config.subgraphs[agency].database) : auditUrl,
      )
    : null;
  try {
    const results = await runContract({
      agency,
      url: args.url,
      signingKey,
      grantSigningKey,
      world: generateWorld({ seed, scale, asOf }),
      audit,
      only: args.only?.split(',').map((s) => s.trim()),
    });
    for (const r of results) process.stdout.write(`${formatResult(r)}\n`);
    process.stdout.write(`${summaryLine(results)}\n`);
    process.exitCode = results.some((r) => r.status === 'FAIL') ? 1 : 0;
  } finally {
    await audit?.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
