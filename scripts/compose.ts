// Writes supergraph.graphql from the four subgraph schemas. Run after changing any of them:
//   npm run compose             writes nothing if the API breaks in a way not acknowledged
//   npm run compose -- --check  writes nothing; fails unless supergraph.graphql is up to date
// What it decides is gateway/schema-check.ts's `planCompose`; this file only reads and writes.
import fs from 'node:fs';
import { planCompose } from '../gateway/schema-check';
import {
  BREAKING_CHANGES_FILE,
  composeSubgraphs,
  repositorySubgraphs,
  SUPERGRAPH_FILE,
} from '../gateway/supergraph';

function readIfPresent(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown argument ${unknown.join(' ')}; usage: npm run compose [-- --check]\n`,
  );
  process.exit(1);
}

try {
  const outcome = planCompose({
    mode: args.includes('--check') ? 'check' : 'write',
    composition: composeSubgraphs(repositorySubgraphs()),
    committed: readIfPresent(SUPERGRAPH_FILE),
    acknowledgements: readIfPresent(BREAKING_CHANGES_FILE),
  });
  if (outcome.writes.supergraph !== undefined) {
    fs.writeFileSync(SUPERGRAPH_FILE, outcome.writes.supergraph);
  }
  if (outcome.writes.acknowledgements !== undefined) {
    fs.writeFileSync(BREAKING_CHANGES_FILE, outcome.writes.acknowledgements);
  }
  (outcome.exitCode === 0 ? process.stdout : process.stderr).write(`${outcome.report}\n`);
  process.exitCode = outcome.exitCode;
} catch (error) {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
}
