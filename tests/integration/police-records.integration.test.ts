import type { TruthPerson } from '../../seed/world';
import { localMidnight } from '../../shared/time';
import { auditOf, bySubject, DISCLOSURE_COLUMNS } from '../support/audit';
import { errorCodes } from '../support/errors';
import {
  CHILD_QUERY,
  childWith,
  children,
  EVENTS_QUERY,
  expectedArrests,
  expectedCourtOrders,
  expectedDomesticAbuse,
  expectedEvents,
  expectedMarac,
  expectedMissing,
  intelligenceOf,
  iso,
  NO_RELATIONSHIP,
  richness,
  type Entities,
  type Event,
} from '../support/police-records';
import { startSubgraph, testWorld, type RunningSubgraph } from '../support/system';
import { childRepresentation, childrenUnknownToPartners, must } from '../support/truth';

// Police's records of a child beyond occurrences (domestic abuse, missing, arrests, MARAC, court
// orders), on the child's section and in the child's chronology, asked through `_entities` as the
// gateway would, and checked against the generated world (tests/support/police-records.ts). A
// household adult's section, and what the records cost, are in
// police-adult-records.integration.test.ts.

const world = testWorld();
const P = world.police;

let police: RunningSubgraph;

beforeAll(async () => {
  police = await startSubgraph('police', world);
});
afterAll(() => police.stop());

async function childRecords(person: TruthPerson) {
  const res = await police.query<Entities<{ police: Record<string, unknown> }>>(CHILD_QUERY, {
    r: [childRepresentation(world, person.socialcareId!, 'police')],
  });
  return { errors: res.errors, police: res.data?._entities[0].police };
}

/** Every record list of a child's section, expected from the world. */
function expectedChildSection(person: TruthPerson, level = 'PROBABLE') {
  const id = person.policeId!;
  return {
    match: { level, agencyReference: id },
    domesticAbuse: expectedDomesticAbuse(id),
    arrests: expectedArrests(id),
    maracReferrals: expectedMarac(id),
    courtOrders: expectedCourtOrders(id),
    missingEpisodes: expectedMissing(id),
  };
}

describe("a child's police records", () => {
  it('gives the domestic abuse notifications of incidents the child is linked to, with every part but no one named', async () => {
    const child = childWith('a domestic abuse notification with other parties', (id) =>
      expectedDomesticAbuse(id).some((d) => d.otherParties.length > 0),
    );
    expect(await childRecords(child)).toEqual({
      errors: undefined,
      police: expectedChildSection(child),
    });
  });

  it('gives missing episodes with their return interviews, newest first', async () => {
    const child = childWith('missing episodes', (id) => expectedMissing(id).length > 1);
    expect(await childRecords(child)).toEqual({
      errors: undefined,
      police: expectedChildSection(child),
    });
  });

  it('gives the arrests of an older child', async () => {
    const child = childWith('an arrest', (id) => expectedArrests(id).length > 0);
    expect(await childRecords(child)).toEqual({
      errors: undefined,
      police: expectedChildSection(child),
    });
  });

  it('gives the court orders naming a child either way round, and the MARAC referrals of a child victim', async () => {
    // Both are rare for children: at the test world's scale no child has either, so this test
    // adds its own (synthetic) records for a child with a DA notification, and removes them after.
    const child = childWith(
      'a domestic abuse notification',
      (id) => expectedDomesticAbuse(id).length > 0,
    );
    const [da] = expectedDomesticAbuse(child.policeId!);
    const other = P.persons.find((p) => p.id !== child.policeId)!.id;
    const ds = police.database.dataSource;
    await ds.query(
      `INSERT INTO court_orders (id, kind, respondent_person_id, protected_person_id, made_on, expires_on)
       VALUES ('CO-TEST-1', 'CHILD_ARRANGEMENTS_PROHIBITED_STEPS', $1, $2, '2026-06-01', NULL),
              ('CO-TEST-2', 'RESTRAINING_ORDER', $2, $1, '2025-01-10', '2025-07-10'),
              ('CO-TEST-3', 'NON_MOLESTATION_ORDER', $1, $2, '2026-12-01', '2027-12-01')`,
      [other, child.policeId],
    );
    await ds.query(
      `INSERT INTO marac_referrals (id, person_id, da_notification_id, referred_at, conference_date)
       VALUES ('MR-TEST-1', $1, $2, '2026-10-01T10:00:00Z', '2026-10-15'),
              ('MR-TEST-2', $1, NULL, '2026-11-01T10:00:00Z', NULL)`,
      [child.policeId, da.id],
    );
    try {
      const res = await police.query<
        Entities<{ police: Record<string, unknown>; policeEvents: Event[] }>
      >(
        `query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Child {
              police {
                courtOrders { id kind party madeOn expiresOn inForce }
                maracReferrals { id referredAt conferenceDate domesticAbuseNotificationId }
              }
              policeEvents { at kind summary severity }
            }
          }
        }`,
        { r: [childRepresentation(world, child.socialcareId!, 'police')] },
      );
      const [found] = res.data!._entities;
      expect({
        errors: res.errors,
        police: found.police,
        events: found.policeEvents.filter((e) =>
          ['COURT_ORDER', 'MARAC_REFERRAL'].includes(e.kind),
        ),
      }).toEqual({
        errors: undefined,
        police: {
          courtOrders: [
            {
              id: 'CO-TEST-3',
              kind: 'NON_MOLESTATION_ORDER',
              party: 'PROTECTED',
              madeOn: '2026-12-01',
              expiresOn: '2027-12-01',
              inForce: false,
            },
            {
              id: 'CO-TEST-1',
              kind: 'CHILD_ARRANGEMENTS_PROHIBITED_STEPS',
              party: 'PROTECTED',
              madeOn: '2026-06-01',
              expiresOn: null,
              inForce: true,
            },
            {
              id: 'CO-TEST-2',
              kind: 'RESTRAINING_ORDER',
              party: 'RESPONDENT',
              madeOn: '2025-01-10',
              expiresOn: '2025-07-10',
              inForce: false,
            },
          ],
          maracReferrals: [
            {
              id: 'MR-TEST-2',
              referredAt: '2026-11-01T10:00:00.000Z',
              conferenceDate: null,
              domesticAbuseNotificationId: null,
            },
            {
              id: 'MR-TEST-1',
              referredAt: '2026-10-01T10:00:00.000Z',
              conferenceDate: '2026-10-15',
              domesticAbuseNotificationId: da.id,
            },
          ],
        },
        events: [
          {
            at: '2025-01-10T00:00:00.000Z',
            kind: 'COURT_ORDER',
            summary: 'Restraining order made against the child, until 2025-07-10',
            severity: 'MEDIUM',
          },
          {
            at: '2026-05-31T23:00:00.000Z',
            kind: 'COURT_ORDER',
            summary: 'Prohibited steps order protects the child, until further order',
            severity: 'HIGH',
          },
          {
            at: '2026-10-01T10:00:00.000Z',
            kind: 'MARAC_REFERRAL',
            summary: 'Referred to MARAC as a victim; conference 2026-10-15',
            severity: 'HIGH',
          },
          {
            at: '2026-11-01T10:00:00.000Z',
            kind: 'MARAC_REFERRAL',
            summary: 'Referred to MARAC as a victim; conference not yet held',
            severity: 'HIGH',
          },
          {
            at: '2026-12-01T00:00:00.000Z',
            kind: 'COURT_ORDER',
            summary: 'Non-molestation order protects the child, until 2027-12-01',
            severity: 'HIGH',
          },
        ],
      });
    } finally {
      await ds.query(`DELETE FROM marac_referrals WHERE id LIKE 'MR-TEST-%'`);
      await ds.query(`DELETE FROM court_orders WHERE id LIKE 'CO-TEST-%'`);
    }
  });

  it('gives no records for a possible match, which a practitioner must confirm first', async () => {
    const child = childWith('police records beyond occurrences', (id) => richness(id) >= 1);
    // A second index record with the same name and date of birth makes the match ambiguous.
    const ds = police.database.dataSource;
    await ds.query(
      `INSERT INTO persons (id, given_name, family_name, date_of_birth, sex, postcode, pnc_id)
       SELECT 'PP-DOUBLE', given_name, family_name, date_of_birth, sex, postcode, NULL
         FROM persons WHERE id = $1`,
      [child.policeId],
    );
    try {
      const res = await police.query<
        Entities<{ police: Record<string, unknown>; policeEvents: unknown[] }>
      >(
        `query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Child {
              police {
                match { level }
                domesticAbuse { id } missingEpisodes { id } arrests { id }
                maracReferrals { id } courtOrders { id }
              }
              policeEvents { kind }
            }
          }
        }`,
        { r: [childRepresentation(world, child.socialcareId!, 'police')] },
      );
      expect(res).toEqual({
        status: 200,
        data: {
          _entities: [
            {
              police: {
                match: { level: 'POSSIBLE' },
                domesticAbuse: [],
                missingEpisodes: [],
                arrests: [],
                maracReferrals: [],
                courtOrders: [],
              },
              policeEvents: [],
            },
          ],
        },
      });
    } finally {
      await ds.query(`DELETE FROM persons WHERE id = 'PP-DOUBLE'`);
    }
  });

  it('gives no records and no events for a child police do not hold', async () => {
    const [unknown] = childrenUnknownToPartners(world);
    const res = await police.query<Entities<unknown>>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Child {
            police {
              match { level }
              summary
              domesticAbuse { id } missingEpisodes { id } arrests { id }
              maracReferrals { id } courtOrders { id }
            }
            policeEvents { kind }
          }
        }
      }`,
      { r: [childRepresentation(world, unknown.socialcareId!, 'police')] },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [
          {
            police: {
              match: { level: 'NONE' },
              summary: 'No record in the police person index',
              domesticAbuse: [],
              missingEpisodes: [],
              arrests: [],
              maracReferrals: [],
              courtOrders: [],
            },
            policeEvents: [],
          },
        ],
      },
    });
  });

  it('denies the section and the events, and records both, without a relationship', async () => {
    const child = must(children[0], 'clean child known to police');
    const requestId = `police-records-${Date.now()}-denied`;
    const res = await police.query<Entities<unknown>>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Child { id police { summary domesticAbuse { id } } policeEvents { kind } }
        }
      }`,
      { r: [childRepresentation(world, child.socialcareId!, 'police', NO_RELATIONSHIP)] },
      { requestId },
    );
    expect({
      data: res.data,
      errors: errorCodes(res),
      audit: (await auditOf(police, requestId, DISCLOSURE_COLUMNS)).sort(bySubject),
    }).toEqual({
      data: { _entities: [{ id: child.socialcareId, police: null, policeEvents: null }] },
      errors: [
        ['_entities.0.police', 'FORBIDDEN_NO_RELATIONSHIP'],
        ['_entities.0.policeEvents', 'FORBIDDEN_NO_RELATIONSHIP'],
      ],
      audit: [
        {
          subject: 'PoliceEvents',
          childId: child.socialcareId,
          fields: ['kind'],
          outcome: 'DENIED',
          reason: 'FORBIDDEN_NO_RELATIONSHIP',
        },
        {
          subject: 'PoliceSection',
          childId: child.socialcareId,
          fields: ['domesticAbuse.id', 'summary'],
          outcome: 'DENIED',
          reason: 'FORBIDDEN_NO_RELATIONSHIP',
        },
      ],
    });
  });
});

describe("a child's police chronology", () => {
  const events = async (person: TruthPerson, as: string, requestId?: string) => {
    const res = await police.query<Entities<{ policeEvents: Event[] }>>(
      EVENTS_QUERY,
      { r: [childRepresentation(world, person.socialcareId!, 'police')] },
      { as, requestId },
    );
    return { errors: res.errors, events: res.data?._entities[0].policeEvents };
  };

  it('gives every kind of record the child has, oldest first', async () => {
    const child = must(
      [...children].sort((a, b) => richness(b.policeId!) - richness(a.policeId!))[0],
      'clean child known to police',
    );
    const found = await events(child, 'police-mash');
    expect({
      errors: found.errors,
      richness: richness(child.policeId!) >= 2,
      events: found.events?.map((e) => [e.kind, e.at]),
      agencies: [...new Set(found.events?.map((e) => e.agency))],
    }).toEqual({
      errors: undefined,
      richness: true,
      events: expectedEvents(child.policeId!, ['P', 'C']),
      agencies: ['POLICE'],
    });
  });

  const withC = children.filter((p) =>
    intelligenceOf(p.policeId!).some((i) => i.handlingCode === 'C'),
  );

  it('leaves a C-coded item out entirely for a reader outside police, and records each omission', async () => {
    const child = must(withC[0], 'clean child with C-coded intelligence');
    const requestId = `police-records-${Date.now()}-withheld`;
    const found = await events(child, 'sc-practitioner', requestId);
    const cItems = intelligenceOf(child.policeId!).filter((i) => i.handlingCode === 'C');
    const audit = (await auditOf(police, requestId, DISCLOSURE_COLUMNS)).sort(bySubject);
    expect({
      errors: found.errors,
      events: found.events?.map((e) => [e.kind, e.at]),
      // Neither a C item's date nor its content appears anywhere in the chronology.
      leaked: found.events?.filter((e) =>
        cItems.some((i) => e.at === iso(i.recordedAt) || e.summary.includes(i.content)),
      ),
      withheld: audit.filter((r) => r.outcome === 'WITHHELD'),
    }).toEqual({
      errors: undefined,
      events: expectedEvents(child.policeId!, ['P']),
      leaked: [],
      withheld: cItems
        .map((i) => ({
          subject: `IntelligenceItem ${i.id}`,
          childId: child.socialcareId,
          fields: ['agency', 'at', 'kind', 'severity', 'summary'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_HANDLING_CODE',
        }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
    });
  });

  it('gives police their own C-coded items, content included', async () => {
    const child = must(withC[0], 'clean child with C-coded intelligence');
    const found = await events(child, 'police-mash');
    expect({
      errors: found.errors,
      intelligence: found.events?.filter((e) => e.kind === 'INTELLIGENCE').map((e) => e.summary),
    }).toEqual({
      errors: undefined,
      intelligence: intelligenceOf(child.policeId!)
        .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
        .map(
          (i) =>
            `Intelligence graded ${i.sourceGrade}${i.informationGrade}${i.handlingCode}: ${i.content}`,
        ),
    });
  });

  it('dates a date-only record at local midnight in London, in GMT and in BST', () => {
    expect(['2026-01-15', '2026-07-01', '2026-03-29', '2026-10-25'].map(localMidnight)).toEqual([
      new Date('2026-01-15T00:00:00Z'),
      new Date('2026-06-30T23:00:00Z'),
      new Date('2026-03-29T00:00:00Z'),
      new Date('2026-10-24T23:00:00Z'),
    ]);
  });
});
