import { Client } from 'pg';
import { decisionDue24Hours, dueSql, referralDue } from '../../subgraphs/socialcare/clocks';
import { TEST_DATABASE_URL } from '../support/databases';

// The queue and the measures compute the elapsed-hours due instants in SQL; the API computes them
// in TypeScript. Both come from one constant each, and agree to the millisecond, across the
// clock changes too.

const RECEIVED = [
  '2026-03-28T12:00:00Z', // the day before the spring clock change (Europe/London)
  '2026-03-29T00:30:00Z', // inside it
  '2026-10-24T23:59:59.999Z', // the night before the autumn change
  '2026-12-31T23:00:00Z', // across the year end
];

describe('the due instants in SQL', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
  });
  afterAll(() => client.end());

  it.each(RECEIVED)('agree with decisionDue24Hours and referralDue for %s', async (at) => {
    const { rows } = await client.query<{ decision: Date; referral: Date }>(
      `SELECT ${dueSql.decision24Hours('$1::timestamptz')} AS decision,
              ${dueSql.referral('$1::timestamptz')} AS referral`,
      [at],
    );
    expect(rows[0]).toEqual({
      decision: decisionDue24Hours(new Date(at)),
      referral: referralDue(new Date(at)),
    });
  });
});
