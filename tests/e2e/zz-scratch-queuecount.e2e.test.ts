import { randomUUID } from 'node:crypto';
import { dataStatements, startSystem, testWorld, type RunningSystem } from '../support/system';

describe('scratch', () => {
  let system: RunningSystem;
  const world = testWorld();
  beforeAll(async () => { system = await startSystem(); });
  afterAll(() => system.stop());
  it('measures', async () => {
    const known = world.truth.people.filter((p) => p.kind === 'CHILD' && p.socialcareId && p.policeId);
    for (let i = 0; i < 55; i++) {
      const r = await system.query(`mutation ($input: RecordContactInput!) { recordContact(input: $input) { id } }`, { input: {
        idempotencyKey: randomUUID(), source: '6', referrer: 'PC 2 Example',
        concern: `Police attended a domestic incident; child present (${i}).`,
        children: [{ childId: known[i % known.length].socialcareId }] } });
      expect(r.errors).toBeUndefined();
    }
    const e2e = `query ($first: Int) { mashQueue(first: $first) { totalCount
        edges { node { id rag nextDueAt outstandingChecks clocks { decisionWithin24Hours { dueAt status secondsLeft } }
          decisions { child { id givenName familyName police { summary } } } } } } }`;
    const heavy = `query ($first: Int) { mashQueue(first: $first) { edges { node {
        id clocks { ragResponse { dueAt } decisionWithin24Hours { dueAt } }
        outstandingChecks ratings { rag } partnerChecks { agency clock { status } }
        decisions { child { id givenName } referral { id } } } } } }`;
    const sc = system.subgraphs.socialcare;
    const out: string[] = [];
    for (const [name, q] of [['e2e', e2e], ['heavy', heavy]] as const) {
      for (const first of [10, 50]) {
        for (const s of Object.values(system.subgraphs)) s.statements.reset();
        const res = name === 'e2e' ? await system.query(q, { first }) : await sc.query(q, { first });
        expect(res.errors).toBeUndefined();
        out.push(`${name} ${first}: ${JSON.stringify(Object.fromEntries(Object.values(system.subgraphs).map((s) => [s.name, dataStatements(s.statements)])))}`);
        out.push(...sc.statements.statements.map((s) => '   ' + s.replace(/\s+/g, ' ').slice(0, 150)));
      }
    }
    const c = world.socialcare.contacts[0];
    sc.statements.reset();
    await sc.query(`query ($id: ID!) { contact(id: $id) { id stage decisions { decidedAt child { id hasOpenContact } } } }`, { id: c.id });
    out.push(`contact: ${dataStatements(sc.statements)}`);
    out.push(...sc.statements.statements.map((s) => '   ' + s.replace(/\s+/g, ' ').slice(0, 150)));
    require('fs').writeFileSync(process.env.SCRATCH_OUT ?? '/tmp/qscratch/out.txt', out.join('\n'));
  });
});
