import { randomUUID } from 'node:crypto';
import { PARTNER_AGENCIES } from '../../shared/agencies';
import type { SubgraphName } from '../../shared/config';
import { newRequestId, openContactId } from '../support/access';
import { auditOf, DISCLOSURE_COLUMNS } from '../support/audit';
import { knownChild } from '../support/frontdoor';
import { startSystem, type RunningSystem } from '../support/system';

// The attacks of issue 18 replayed end to end, through the gateway as a signed-in user: each is
// refused, and the refusal is in the audit of the agency that refused it. One describe block per
// finding; the system is started once for them all.

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system.stop());

/** The audit rows of one request in one agency's log, as most tests compare them. */
const auditIn = (agency: SubgraphName, requestId: string) =>
  auditOf(system.subgraphs[agency], requestId, DISCLOSURE_COLUMNS);

const RECORD_CONTACT = `
  mutation ($input: RecordContactInput!) {
    recordContact(input: $input) { id decisions { child { id } } }
  }`;

/** A recordContact input about one new child, as a MASH practitioner would type it. */
function contactAbout(newChild: Record<string, unknown>) {
  return {
    idempotencyKey: randomUUID(),
    source: '6',
    referrer: 'PC 4411 Example, Northside Police',
    concern: 'Domestic incident at the family home overnight; child present and upset.',
    children: [{ newChild: { sex: 'FEMALE', ...newChild } }],
  };
}

describe("Finding 1: an adult recorded as a child gets the adult's records", () => {
  const PARTNERS = PARTNER_AGENCIES.map((a) => a.name as SubgraphName);

  it('refuses to record a "child" born in 1994, and records the refusal', async () => {
    const requestId = newRequestId();
    const res = await system.query(
      RECORD_CONTACT,
      {
        input: contactAbout({
          givenName: 'Dana',
          familyName: 'Quillfeather',
          dateOfBirth: '1994-05-01',
          address: { line: '1 Example Row', postcode: 'N15 4AB' },
        }),
      },
      { requestId },
    );
    expect(res).toBeRefusedWith('BAD_USER_INPUT', 'recordContact');
    expect(res.errors?.[0].extensions?.field).toBe('children[0].newChild.dateOfBirth');
    expect(await auditIn('socialcare', requestId)).toEqual([
      {
        subject: 'Child',
        childId: null,
        fields: ['children[0].newChild.dateOfBirth'],
        outcome: 'DENIED',
        reason: 'NOT_A_CHILD',
      },
    ]);
  });

  it("gets no partner's section of an adult socialcare holds as a child, and each partner records the refusal", async () => {
    // Whatever socialcare sends: an adult already on its records as a child (recorded before the
    // front door refused them, say), on an open contact.
    const sc = system.subgraphs.socialcare.database.dataSource;
    await sc.query(
      `INSERT INTO children (id, given_name, family_name, date_of_birth, sex, created_at)
       VALUES ('SC-ATTACK-1', 'Dana', 'Quillfeather', '1994-05-01', 'FEMALE', now())`,
    );
    await sc.query(`INSERT INTO contact_children (contact_id, child_id) VALUES ($1, $2)`, [
      openContactId,
      'SC-ATTACK-1',
    ]);
    const requestId = newRequestId();
    const res = await system.query(
      `query ($id: ID!) {
        child(id: $id) { id ${PARTNERS.map((p) => `${p} { summary }`).join(' ')} }
      }`,
      { id: 'SC-ATTACK-1' },
      { requestId },
    );
    for (const partner of PARTNERS) {
      expect(res).toBeRefusedWith('FORBIDDEN_NOT_A_CHILD', ['child', partner]);
      expect(await auditIn(partner, requestId)).toRecordAudit({
        outcome: 'DENIED',
        childId: 'SC-ATTACK-1',
        reason: 'FORBIDDEN_NOT_A_CHILD',
      });
      expect((await auditIn(partner, requestId)).map((r) => r.outcome)).not.toContain('DISCLOSED');
    }
  });
});

describe('Finding 4: look-alike names make duplicate children', () => {
  it('finds the child already known behind a zero-width space, and creates no second child', async () => {
    const requestId = newRequestId();
    const given = knownChild.givenName;
    const res = await system.query(
      RECORD_CONTACT,
      {
        input: contactAbout({
          givenName: `${given.slice(0, 1)}\u200B${given.slice(1)}`,
          familyName: knownChild.familyName,
          dateOfBirth: knownChild.dateOfBirth,
          householdId: knownChild.householdId,
        }),
      },
      { requestId },
    );
    expect(res).toBeRefusedWith('CHILD_ALREADY_KNOWN', 'recordContact');
    expect(res.errors?.[0].extensions?.childIds).toEqual([knownChild.id]);
    // Nothing was written, so nothing changed is recorded.
    expect(await auditIn('socialcare', requestId)).toEqual([]);
  });

  it('refuses a given name with a Cyrillic letter, saying why, and records the refusal', async () => {
    const requestId = newRequestId();
    const given = knownChild.givenName;
    // A Cyrillic "а" or "е" in place of the Latin one; "о" when the name has neither.
    const lookAlike = given.replace(
      /[aeo]/,
      (c) => ({ a: '\u0430', e: '\u0435', o: '\u043E' })[c]!,
    );
    expect(lookAlike).not.toBe(given);
    const res = await system.query(
      RECORD_CONTACT,
      {
        input: contactAbout({
          givenName: lookAlike,
          familyName: knownChild.familyName,
          dateOfBirth: knownChild.dateOfBirth,
          householdId: knownChild.householdId,
        }),
      },
      { requestId },
    );
    expect(res).toBeRefusedWith('BAD_USER_INPUT', 'recordContact');
    expect(res.errors?.[0].message).toMatch(
      /mixes (Latin and Cyrillic|Cyrillic and Latin) letters/,
    );
    expect(await auditIn('socialcare', requestId)).toEqual([
      {
        subject: 'Child',
        childId: null,
        fields: ['children[0].newChild.givenName'],
        outcome: 'DENIED',
        reason: 'MIXED_SCRIPT_NAME',
      },
    ]);
  });
});
