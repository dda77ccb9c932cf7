/**
 * What one combined child view costs the agencies (issue 19): each partner is sent one request
 * (the child's and the household adults' sections together), and the whole view runs at most 20
 * SQL statements, audit writes included. (A queue page's statements are the same for 10 rows as
 * for 50: tests/e2e/frontdoor.e2e.test.ts.)
 */
import { CHILD_VIEW } from '../../scripts/bench-support';
import { PARTNER_AGENCIES } from '../../shared/agencies';
import { SUBGRAPH_NAMES } from '../../shared/config';
import { openChild } from '../support/access';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
}, 120_000);
afterAll(() => system?.stop());

/** Each subgraph's statements while `work` runs, after one run to warm up. */
async function statementsOf(work: () => Promise<unknown>): Promise<Record<string, string[]>> {
  await work();
  for (const s of Object.values(system.subgraphs)) s.statements.reset();
  await work();
  return Object.fromEntries(
    Object.entries(system.subgraphs).map(([name, s]) => [name, [...s.statements.statements]]),
  );
}

const isAuditWrite = (sql: string) => sql.includes('audit_append');

describe('one combined child view', () => {
  const view = async () => {
    const res = await system.query(CHILD_VIEW, { id: openChild.socialcareId });
    expect(res.errors).toBeUndefined();
  };

  it('sends each partner one request, whose audit is one write', async () => {
    const statements = await statementsOf(view);
    const requests = Object.fromEntries(
      PARTNER_AGENCIES.map((a) => [a.name, statements[a.name].filter(isAuditWrite).length]),
    );
    expect(requests).toEqual(Object.fromEntries(PARTNER_AGENCIES.map((a) => [a.name, 1])));
  });

  it('runs at most 20 SQL statements across the agencies, audit writes included', async () => {
    const statements = await statementsOf(view);
    const counts = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, statements[n].length]));
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect({ total, atMost20: total <= 20, counts }).toEqual({ total, atMost20: true, counts });
  });
});
