import fs from 'node:fs';
import { CHILD_VIEW } from '../../scripts/bench-support';
import { startSystem, type RunningSystem } from '../support/system';
import { openChild } from '../support/access';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
}, 120_000);
afterAll(() => system?.stop());

it('probe', async () => {
  await system.query(CHILD_VIEW, { id: openChild.socialcareId });
  for (const s of Object.values(system.subgraphs)) s.statements.reset();
  const res = await system.query(CHILD_VIEW, { id: openChild.socialcareId });
  const out: string[] = [];
  for (const [n, s] of Object.entries(system.subgraphs)) {
    out.push(`## ${n} ${s.statements.statements.length}`);
    for (const q of s.statements.statements) out.push(q.replace(/\s+/g, ' ').slice(0, 300));
  }
  fs.writeFileSync('/tmp/probe-statements.txt', out.join('\n'));
  fs.writeFileSync('/tmp/probe-view.json', JSON.stringify(res, null, 1));
});
