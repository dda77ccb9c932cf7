import fs from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../gateway/supergraph';

describe('supergraph.graphql', () => {
  it('composes from the four subgraph schemas without errors', () => {
    expect(() => composeSupergraph()).not.toThrow();
  });

  it('is what composition produces now (run `npm run compose` after changing a schema)', () => {
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });
});
