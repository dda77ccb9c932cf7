// Writes supergraph.graphql from the four subgraph schemas. Run after changing any of them:
//   npm run compose
import fs from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../gateway/supergraph';

try {
  fs.writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
  process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
