import type { Database } from '../../shared/database';
import { newRequestId } from '../support/access';
import { auditOf, DISCLOSURE_COLUMNS } from '../support/audit';
import { codes } from '../support/errors';
import { frontdoorHelpers, knownChild } from '../support/frontdoor';
import { contactsFile, importInto, tableCounts } from '../support/imports';
import { createTestDatabase } from '../support/databases';
import { startSubgraph, type RunningSubgraph } from '../support/system';
import { granted } from '../support/auth';

// Issue 18, findings 1 and 4 in each subgraph on its own: socialcare records no adult as a child
// and no look-alike name; a partner never discloses a child's section of an adult, and never
// matches a child to a record it holds as an adult's. The tests' clock is 2026-11-20 (TEST_NOW).

const TODAY = '2026-11-20';
const MIXED =
  'mixes Latin and Cyrillic letters: a name is written in one script, so that a look-alike letter cannot make a second record of one person';

describe("socialcare's recordContact", () => {
  let sc: RunningSubgraph;
  const { record, contactInput } = frontdoorHelpers(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare');
  });
  afterAll(() => sc.stop());

  const newChild = (overrides: Record<string, unknown>) =>
    contactInput({
      children: [
        {
          newChild: {
            givenName: 'Dana',
            familyName: 'Quillfeather',
            sex: 'FEMALE',
            address: { line: '1 Example Row', postcode: 'N15 4AB' },
            ...overrides,
          },
        },
      ],
    });

  it('refuses a new child born in 1994 (the attack), on the date of birth', async () => {
    const res = await record(newChild({ dateOfBirth: '1994-05-01' }));
    expect(res.errors?.map((e) => ({ ...codes([e])[0], message: e.message }))).toEqual([
      {
        code: 'BAD_USER_INPUT',
        field: 'children[0].newChild.dateOfBirth',
        message: `\`children[0].newChild.dateOfBirth\` makes this person 18 or over on ${TODAY}, the day the contact was received: a child is under 18, and an adult is never recorded as one`,
      },
    ]);
  });

  it('refuses a new child whose 18th birthday is the day the contact was received', async () => {
    const res = await record(newChild({ dateOfBirth: '2008-11-20' }));
    expect(codes(res.errors)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'children[0].newChild.dateOfBirth' },
    ]);
  });

  it('records a new child whose 18th birthday is the day after', async () => {
    const res = await record(newChild({ givenName: 'Ebba', dateOfBirth: '2008-11-21' }));
    expect({
      errors: res.errors,
      child: res.data?.recordContact.decisions.map((d) => d.child.givenName),
    }).toEqual({ errors: undefined, child: ['Ebba'] });
  });

  it('takes the age on the day the contact was received, not today', async () => {
    // 17 on 10 November, 18 on 15 November: the contact was about a child.
    const res = await record({
      ...newChild({ givenName: 'Fern', dateOfBirth: '2008-11-15' }),
      receivedAt: '2026-11-10T09:00:00Z',
    });
    expect(res.errors).toBeUndefined();
  });

  it('refuses a given name with a Cyrillic letter, saying why', async () => {
    const res = await record(newChild({ givenName: 'Am\u0435lia', dateOfBirth: '2015-06-01' }));
    expect(res.errors?.map((e) => ({ ...codes([e])[0], message: e.message }))).toEqual([
      {
        code: 'BAD_USER_INPUT',
        field: 'children[0].newChild.givenName',
        message: `\`children[0].newChild.givenName\` ${MIXED}`,
      },
    ]);
  });

  it('refuses a family name with a Cyrillic letter', async () => {
    const res = await record(
      newChild({ familyName: 'Quillf\u0435ather', dateOfBirth: '2015-06-01' }),
    );
    expect(codes(res.errors)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'children[0].newChild.familyName' },
    ]);
  });

  it('finds the known child behind a zero-width space in the given name', async () => {
    const given = `${knownChild.givenName.slice(0, 1)}\u200B${knownChild.givenName.slice(1)}`;
    const res = await record(
      contactInput({
        children: [
          {
            newChild: {
              givenName: given,
              familyName: `${knownChild.familyName}\u00AD`,
              dateOfBirth: knownChild.dateOfBirth,
              householdId: knownChild.householdId,
            },
          },
        ],
      }),
    );
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.childIds])).toEqual([
      ['CHILD_ALREADY_KNOWN', [knownChild.id]],
    ]);
  });

  it('stores a name as it shows: full-width letters folded, invisible characters gone', async () => {
    const res = await record(
      newChild({
        givenName: 'Ｈａｌ\u2060',
        familyName: ' Quill\u00A0 Feather ',
        dateOfBirth: '2016-01-02',
      }),
    );
    const id = res.data?.recordContact.decisions[0].child.id;
    const [row] = (await sc.database.dataSource.query(
      `SELECT given_name AS "givenName", family_name AS "familyName" FROM children WHERE id = $1`,
      [id],
    )) as { givenName: string; familyName: string }[];
    expect(row).toEqual({ givenName: 'Hal', familyName: 'Quill Feather' });
  });

  it('records a name written wholly in Cyrillic', async () => {
    const res = await record(
      newChild({ givenName: 'Анастасия', familyName: 'Иванова', dateOfBirth: '2016-01-03' }),
    );
    expect(res.errors).toBeUndefined();
  });
});

describe("socialcare's import", () => {
  let db: Database;
  let serial = 0;
  const nextId = () => `AGE-${String((serial += 1)).padStart(4, '0')}`;

  beforeAll(async () => {
    db = await createTestDatabase('socialcare');
  });
  afterAll(() => db.close());

  it('rejects a row whose child is 18 or over on received_at, and stores nothing', async () => {
    const before = await tableCounts(db);
    const report = await importInto(db, [
      contactsFile(
        `${nextId()},,Iris,Quillon,2016-02-03,,,2025-01-06T10:00:00Z,6,,,,`,
        `${nextId()},,Dana,Quillon,2007-01-06,,,2025-01-06T10:00:00Z,6,,,,`,
      ),
    ]);
    expect({ rejected: report.rejected, stored: report.stored }).toEqual({
      rejected: [
        {
          file: 'contacts.csv',
          line: 3,
          reason:
            'date_of_birth 2007-01-06 makes the child 18 or over on 2025-01-06, the day of received_at: a child is under 18, and an adult is never recorded as one',
        },
      ],
      stored: false,
    });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('counts a 29 February birthday as 1 March: 17 on 28 February, 18 on 1 March', async () => {
    const leap = await importInto(db, [
      contactsFile(
        `${nextId()},,Gail,Leapley,2004-02-29,,,2022-02-28T10:00:00Z,6,,,,`,
        `${nextId()},,Hope,Leapley,2004-02-29,,,2022-03-01T10:00:00Z,6,,,,`,
      ),
    ]);
    expect(leap.rejected.map((r) => [r.line, r.reason.slice(0, 40)])).toEqual([
      [3, 'date_of_birth 2004-02-29 makes the child'],
    ]);
  });

  it('rejects a row whose given name mixes Latin and Cyrillic letters', async () => {
    const report = await importInto(db, [
      contactsFile(`${nextId()},,Am\u0435lia,Quillon,2016-02-03,,,2025-01-06T10:00:00Z,6,,,,`),
    ]);
    expect(report.rejected).toEqual([
      { file: 'contacts.csv', line: 2, reason: `given_name ${MIXED}` },
    ]);
  });

  it('takes a row with a zero-width space for the stored child of that name', async () => {
    const id = nextId();
    const first = await importInto(db, [
      contactsFile(`${id},,Juno,Quillon,2016-04-05,,,2025-01-07T10:00:00Z,6,,,,`),
    ]);
    const again = await importInto(db, [
      contactsFile(`${nextId()},,Ju\u200Bno,Quillon,2016-04-05,,,2025-01-08T10:00:00Z,6,,,,`),
    ]);
    expect([first.created.children, again.created.children, again.childrenMatched]).toEqual([
      1, 0, 1,
    ]);
  });
});

/** Each partner: its section and chronology fields on `Child`, and its identifier field. */
const PARTNERS = [
  { name: 'police', section: 'police', events: 'policeEvents', table: 'persons' },
  { name: 'health', section: 'health', events: 'healthEvents', table: 'patients' },
  { name: 'education', section: 'education', events: 'educationEvents', table: 'pupils' },
  { name: 'probation', section: 'probation', events: 'probationEvents', table: 'known_children' },
] as const;

describe.each(PARTNERS)('$name', ({ name, section, events, table }) => {
  let partner: RunningSubgraph;
  const SUBJECT = `${name[0].toUpperCase()}${name.slice(1)}`;

  beforeAll(async () => {
    partner = await startSubgraph(name);
    // An adult whose 18th birthday is today, and a child a day younger, in the agency's own index.
    await partner.database.dataSource.query(
      `INSERT INTO ${table} (id, given_name, family_name, date_of_birth, sex, postcode)
       VALUES ('AGE-ADULT', 'Dana', 'Quillfeather', '2008-11-20', 'FEMALE', 'N15 4AB'),
              ('AGE-CHILD', 'Eden', 'Quillfeather', '2008-11-21', 'FEMALE', 'N15 4AB')`,
    );
  });
  afterAll(() => partner.stop());

  const child = (overrides: Record<string, unknown>) => ({
    __typename: 'Child',
    id: 'SC-AGE-1',
    givenName: 'Dana',
    familyName: 'Quillfeather',
    dateOfBirth: '2008-11-21',
    sex: 'FEMALE',
    postcode: 'N15 4AB',
    nhsNumber: null,
    upn: null,
    relationshipGrant: granted('OPEN_CONTACT'),
    matchLinks: [],
    ...overrides,
  });
  const ENTITIES = `
    query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Child { ${section} { match { level agencyReference } } ${events} { at } }
      }
    }`;

  it('refuses the section and events of someone 18 or over, and records the refusal', async () => {
    const requestId = newRequestId();
    const res = await partner.query(
      ENTITIES,
      { representations: [child({ dateOfBirth: '1994-05-01' })] },
      { requestId },
    );
    expect(res).toBeRefusedWith('FORBIDDEN_NOT_A_CHILD', ['_entities', 0, section]);
    expect(res).toBeRefusedWith('FORBIDDEN_NOT_A_CHILD', ['_entities', 0, events]);
    const audit = await auditOf(partner, requestId, DISCLOSURE_COLUMNS);
    expect(audit).toRecordAudit({
      outcome: 'DENIED',
      subject: `${SUBJECT}Section`,
      childId: 'SC-AGE-1',
      reason: 'FORBIDDEN_NOT_A_CHILD',
    });
    expect(audit).toRecordAudit({
      outcome: 'DENIED',
      subject: `${SUBJECT}Events`,
      childId: 'SC-AGE-1',
      reason: 'FORBIDDEN_NOT_A_CHILD',
    });
    expect(audit.filter((r) => r.outcome !== 'DENIED')).toEqual([]);
  });

  it('refuses someone whose 18th birthday is today, and not the day before it', async () => {
    const res = await partner.query(ENTITIES, {
      representations: [child({ dateOfBirth: '2008-11-20' }), child({ id: 'SC-AGE-2' })],
    });
    expect(res).toBeRefusedWith('FORBIDDEN_NOT_A_CHILD', ['_entities', 0, section]);
    expect(res.errors?.filter((e) => e.path?.[1] === 1)).toEqual([]);
  });

  it('never matches a child to a record it holds as an adult, however close', async () => {
    // Sent as 17 (a day short of 18): the agency's record of the same name is 18 today.
    const res = await partner.query<{ _entities: Record<string, { match: unknown }>[] }>(ENTITIES, {
      representations: [child({})],
    });
    expect(res.data?._entities[0][section].match).toEqual({
      level: 'NONE',
      agencyReference: null,
    });
  });

  it('still matches a child to its own record a day younger', async () => {
    const res = await partner.query<{ _entities: Record<string, { match: unknown }>[] }>(ENTITIES, {
      representations: [child({ givenName: 'Eden' })],
    });
    expect(res.data?._entities[0][section].match).toEqual({
      level: 'PROBABLE',
      agencyReference: 'AGE-CHILD',
    });
  });

  it('normalises a zero-width space and full-width letters in the names sent', async () => {
    const res = await partner.query<{ _entities: Record<string, { match: unknown }>[] }>(ENTITIES, {
      representations: [child({ givenName: 'Ｅd\u200Ben', familyName: 'Quill\u00ADfeather' })],
    });
    expect(res.data?._entities[0][section].match).toEqual({
      level: 'PROBABLE',
      agencyReference: 'AGE-CHILD',
    });
  });
});

describe("police's household adults", () => {
  let police: RunningSubgraph;

  beforeAll(async () => {
    police = await startSubgraph('police');
  });
  afterAll(() => police.stop());

  it('still answers for an adult of the household', async () => {
    const res = await police.query(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Adult { police { match { level } } } }
      }`,
      {
        representations: [
          {
            __typename: 'Adult',
            id: 'A-AGE-1',
            givenName: 'Dana',
            familyName: 'Quillfeather',
            dateOfBirth: '1994-05-01',
            sex: 'FEMALE',
            postcode: 'N15 4AB',
            relationshipGrant: granted('OPEN_CONTACT'),
          },
        ],
      },
    );
    expect({ errors: res.errors, data: res.data }).toEqual({
      errors: undefined,
      data: { _entities: [{ police: { match: { level: 'NONE' } } }] },
    });
  });
});
