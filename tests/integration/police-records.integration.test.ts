import type { PoliceCourtOrder, PoliceOccurrencePerson, TruthPerson } from '../../seed/world';
import { ageInYears, localDate } from '../../shared/time';
import { localMidnight } from '../../shared/time';
import { auditOf, bySubject } from '../support/audit';
import { errorCodes } from '../support/errors';
import { startSubgraph, TEST_NOW, testWorld, type RunningSubgraph } from '../support/system';
import {
  childRepresentation,
  childrenUnknownToPartners,
  cleanChildren,
  must,
} from '../support/truth';

// Police's records beyond occurrences (domestic abuse, missing, arrests, MARAC, court orders), on
// a child's section, in the child's chronology and on a household adult's section, asked through
// `_entities` as the gateway would, and checked against the generated world.

const world = testWorld();
const P = world.police;
const today = localDate(TEST_NOW);
const iso = (instant: string) => new Date(instant).toISOString();
const newestFirst =
  <T extends { id: string }>(at: (t: T) => string) =>
  (a: T, b: T) =>
    at(b).localeCompare(at(a)) || b.id.localeCompare(a.id);

const occurrence = (id: string) => P.occurrences.find((o) => o.id === id)!;
const linksOf = (policeId: string) => P.occurrencePersons.filter((l) => l.personId === policeId);
const under18 = (personId: string, at: string) => {
  const dob = P.persons.find((p) => p.id === personId)!.dateOfBirth;
  return dob === null ? null : ageInYears(dob, localDate(new Date(at))) < 18;
};

/** What police should say of a person's domestic abuse incidents, from the world. */
function expectedDomesticAbuse(policeId: string) {
  const links = linksOf(policeId);
  return P.daNotifications
    .filter((d) => links.some((l) => l.occurrenceId === d.occurrenceId))
    .map((d) => {
      const o = occurrence(d.occurrenceId);
      const others = P.occurrencePersons
        .filter((x) => x.occurrenceId === d.occurrenceId && x.personId !== policeId)
        .sort((a, b) => (a.role + a.personId < b.role + b.personId ? -1 : 1));
      return {
        id: d.id,
        occurrenceReference: o.reference,
        occurredAt: iso(o.occurredAt),
        assessedAt: iso(d.assessedAt),
        dashRisk: d.dashRisk,
        childrenPresent: d.childrenPresent,
        previousIncidents: d.previousIncidents,
        role: links.find((l) => l.occurrenceId === d.occurrenceId)!.role,
        otherParties: others.map((x: PoliceOccurrencePerson) => ({
          role: x.role,
          under18: under18(x.personId, o.occurredAt),
        })),
      };
    })
    .sort(newestFirst((d) => d.occurredAt));
}

function expectedMissing(policeId: string) {
  return P.missingEpisodes
    .filter((m) => m.personId === policeId)
    .map((m) => ({
      id: m.id,
      occurrenceReference: m.occurrenceId ? occurrence(m.occurrenceId).reference : null,
      startedAt: iso(m.startedAt),
      endedAt: m.endedAt ? iso(m.endedAt) : null,
      returnInterviewOffered: m.returnInterviewOffered,
      returnInterviewDone: m.returnInterviewDone,
    }))
    .sort(newestFirst((m) => m.startedAt));
}

function expectedArrests(policeId: string) {
  return P.arrests
    .filter((a) => a.personId === policeId)
    .map((a) => ({
      id: a.id,
      arrestedAt: iso(a.arrestedAt),
      offenceCategory: a.offenceCategory,
      offence: a.offence,
      outcome: a.outcome,
    }))
    .sort(newestFirst((a) => a.arrestedAt));
}

function expectedMarac(policeId: string) {
  return P.maracReferrals
    .filter((m) => m.personId === policeId)
    .map((m) => ({
      id: m.id,
      referredAt: iso(m.referredAt),
      conferenceDate: m.conferenceDate,
      domesticAbuseNotificationId: m.daNotificationId,
    }))
    .sort(newestFirst((m) => m.referredAt));
}

const ordersNaming = (policeId: string) =>
  P.courtOrders.filter(
    (o) => o.respondentPersonId === policeId || o.protectedPersonId === policeId,
  );

function expectedCourtOrders(policeId: string) {
  return ordersNaming(policeId)
    .map((o: PoliceCourtOrder) => ({
      id: o.id,
      kind: o.kind,
      party: o.protectedPersonId === policeId ? 'PROTECTED' : 'RESPONDENT',
      madeOn: o.madeOn,
      expiresOn: o.expiresOn,
      inForce: o.madeOn <= today && (o.expiresOn === null || o.expiresOn >= today),
    }))
    .sort(newestFirst((o) => o.madeOn));
}

const intelligenceOf = (policeId: string) =>
  P.intelligenceItems.filter((i) => i.personId === policeId);

/**
 * The child's chronology as [kind, at], oldest first, from the world: what the events must hold
 * for a reader who may see `handlingCodes` of intelligence.
 */
function expectedEvents(policeId: string, handlingCodes: ('P' | 'C')[]) {
  const da = P.daNotifications.filter((d) =>
    linksOf(policeId).some((l) => l.occurrenceId === d.occurrenceId),
  );
  const missing = P.missingEpisodes.filter((m) => m.personId === policeId);
  const covered = new Set([
    ...da.map((d) => d.occurrenceId),
    ...missing.map((m) => m.occurrenceId),
  ]);
  const events: [string, string][] = [
    ...da.map((d): [string, string] => [
      'DA_NOTIFICATION',
      iso(occurrence(d.occurrenceId).occurredAt),
    ]),
    ...missing.map((m): [string, string] => ['MISSING_EPISODE', iso(m.startedAt)]),
    ...P.arrests
      .filter((a) => a.personId === policeId)
      .map((a): [string, string] => ['ARREST', iso(a.arrestedAt)]),
    ...P.maracReferrals
      .filter((m) => m.personId === policeId)
      .map((m): [string, string] => ['MARAC_REFERRAL', iso(m.referredAt)]),
    ...ordersNaming(policeId).map((o): [string, string] => [
      'COURT_ORDER',
      localMidnight(o.madeOn).toISOString(),
    ]),
    ...[...new Set(linksOf(policeId).map((l) => l.occurrenceId))]
      .filter((id) => !covered.has(id))
      .map((id): [string, string] => ['OCCURRENCE', iso(occurrence(id).occurredAt)]),
    ...intelligenceOf(policeId)
      .filter((i) => handlingCodes.includes(i.handlingCode))
      .map((i): [string, string] => ['INTELLIGENCE', iso(i.recordedAt)]),
  ];
  return events.sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
}

/** How many kinds of police record (beyond occurrences) a person has, to pick rich examples. */
function richness(policeId: string): number {
  return [
    expectedDomesticAbuse(policeId),
    expectedMissing(policeId),
    expectedArrests(policeId),
    expectedMarac(policeId),
    expectedCourtOrders(policeId),
  ].filter((l) => l.length > 0).length;
}

const children = cleanChildren(world, ['police']);
const childWith = (what: string, has: (policeId: string) => boolean) =>
  must(
    children.find((p) => has(p.policeId!)),
    `clean child known to police with ${what}`,
  );

/**
 * Household adults held by police with no discrepancy whose date of birth socialcare knows (police
 * match on it), so an exact match must find them.
 */
const cleanAdults = world.truth.people.filter(
  (p) =>
    p.kind === 'ADULT' &&
    p.socialcareId !== null &&
    p.policeId !== null &&
    world.socialcare.adults.find((a) => a.id === p.socialcareId)?.dateOfBirth &&
    Object.values(p.discrepancies).every((d) => !d || d.length === 0),
);

/** The `_entities` representation of a socialcare adult, with the household's relationship. */
function adultRepresentation(
  socialcareId: string,
  relationship: { hasOpenContact: boolean; caseTeam: string | null } = {
    hasOpenContact: true,
    caseTeam: null,
  },
) {
  const adult = world.socialcare.adults.find((a) => a.id === socialcareId)!;
  const household = world.socialcare.households.find((h) => h.id === adult.householdId);
  return {
    __typename: 'Adult',
    id: adult.id,
    givenName: adult.givenName,
    familyName: adult.familyName,
    dateOfBirth: adult.dateOfBirth,
    sex: adult.sex,
    postcode: household?.postcode ?? null,
    ...relationship,
  };
}

const NO_RELATIONSHIP = { hasOpenContact: false, caseTeam: null };

const RECORD_FIELDS = `
  domesticAbuse {
    id occurrenceReference occurredAt assessedAt dashRisk childrenPresent previousIncidents role
    otherParties { role under18 }
  }
  arrests { id arrestedAt offenceCategory offence outcome }
  maracReferrals { id referredAt conferenceDate domesticAbuseNotificationId }
  courtOrders { id kind party madeOn expiresOn inForce }`;

const CHILD_QUERY = `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Child {
        id
        police {
          match { level agencyReference }
          ${RECORD_FIELDS}
          missingEpisodes {
            id occurrenceReference startedAt endedAt returnInterviewOffered returnInterviewDone
          }
        }
      }
    }
  }`;

const EVENTS_QUERY = `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Child { id policeEvents { at agency kind summary severity } }
    }
  }`;

const ADULT_QUERY = `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Adult {
        id
        police {
          match { level agencyReference }
          summary
          person { id }
          ${RECORD_FIELDS}
          intelligence { id handlingCode }
        }
      }
    }
  }`;

type Entities<T> = { _entities: T[] };
type Event = { at: string; agency: string; kind: string; summary: string; severity: string };

/** The audit columns these tests compare: what was asked for, about whom, and what happened. */
const AUDITED = ['subject', 'childId', 'fields', 'outcome', 'reason'] as const;

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
      audit: (await auditOf(police, requestId, AUDITED)).sort(bySubject),
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
    const audit = (await auditOf(police, requestId, AUDITED)).sort(bySubject);
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

describe("a household adult's police section", () => {
  const adultWith = (what: string, has: (policeId: string) => boolean) =>
    must(
      cleanAdults.find((p) => has(p.policeId!)),
      `clean household adult known to police with ${what}`,
    );
  const partiesIn = (id: string) => expectedCourtOrders(id).map((o) => o.party);
  /** A DA victim referred to MARAC whom an order protects. */
  const victim = adultWith(
    'a DA notification, a MARAC referral and an order protecting them',
    (id) =>
      expectedDomesticAbuse(id).some((d) => d.role === 'VICTIM') &&
      expectedMarac(id).length > 0 &&
      partiesIn(id).includes('PROTECTED'),
  );
  /** A DA perpetrator with arrests against whom an order was made. */
  const perpetrator = adultWith(
    'a DA notification as perpetrator, arrests and an order against them',
    (id) =>
      expectedDomesticAbuse(id).some((d) => d.role === 'PERPETRATOR') &&
      expectedArrests(id).length > 0 &&
      partiesIn(id).includes('RESPONDENT'),
  );
  const adult = victim;

  /** Every list of an adult's section, expected from the world. */
  const expectedAdultSection = (person: TruthPerson, summary: unknown) => {
    const id = person.policeId!;
    return {
      match: { level: 'PROBABLE', agencyReference: id },
      summary,
      person: { id },
      domesticAbuse: expectedDomesticAbuse(id),
      arrests: expectedArrests(id),
      maracReferrals: expectedMarac(id),
      courtOrders: expectedCourtOrders(id),
      intelligence: intelligenceOf(id)
        .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id))
        .map((i) => ({ id: i.id, handlingCode: i.handlingCode })),
    };
  };

  it('gives a victim’s and a perpetrator’s DA involvements with their part, arrests, MARAC and orders', async () => {
    const res = await police.query<Entities<{ police: Record<string, unknown> }>>(
      ADULT_QUERY,
      { r: [victim, perpetrator].map((p) => adultRepresentation(p.socialcareId!)) },
      { as: 'police-mash' },
    );
    expect({ errors: res.errors, adults: res.data?._entities.map((e) => e.police) }).toEqual({
      errors: undefined,
      adults: [
        expectedAdultSection(victim, expect.stringContaining('MARAC referral')),
        expectedAdultSection(perpetrator, expect.stringContaining('respondent to')),
      ],
    });
  });

  it('withholds the content of an adult’s C-coded item from a reader outside police, recording it', async () => {
    const holder = adultWith('C-coded intelligence', (id) =>
      intelligenceOf(id).some((i) => i.handlingCode === 'C'),
    );
    const items = intelligenceOf(holder.policeId!).sort(
      (a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id),
    );
    const requestId = `police-records-${Date.now()}-adult-c`;
    const res = await police.query<Entities<{ police: { intelligence: unknown[] } }>>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Adult { police { intelligence { id handlingCode content } } }
        }
      }`,
      { r: [adultRepresentation(holder.socialcareId!)] },
      { requestId },
    );
    expect({
      intelligence: res.data?._entities[0].police.intelligence,
      errors: errorCodes(res),
      withheld: (await auditOf(police, requestId, AUDITED))
        .sort(bySubject)
        .filter((r) => r.outcome === 'WITHHELD'),
    }).toEqual({
      intelligence: items.map((i) => ({
        id: i.id,
        handlingCode: i.handlingCode,
        content: i.handlingCode === 'P' ? i.content : null,
      })),
      errors: items
        .map((i, n): [string, string] => [
          `_entities.0.police.intelligence.${n}.content`,
          i.handlingCode,
        ])
        .filter(([, code]) => code === 'C')
        .map(([path]) => [path, 'WITHHELD_HANDLING_CODE']),
      withheld: items
        .filter((i) => i.handlingCode === 'C')
        .map((i) => ({
          subject: `IntelligenceItem ${i.id}`,
          childId: null,
          fields: ['content'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_HANDLING_CODE',
        }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
    });
  });

  it('is recorded against the adult, with no child, and denied without a relationship', async () => {
    const allowedId = `police-records-${Date.now()}-adult`;
    const deniedId = `${allowedId}-denied`;
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Adult { id police { summary } } } }`;
    await police.query(
      q,
      { r: [adultRepresentation(adult.socialcareId!)] },
      { requestId: allowedId },
    );
    const denied = await police.query<Entities<unknown>>(
      q,
      { r: [adultRepresentation(adult.socialcareId!, NO_RELATIONSHIP)] },
      { requestId: deniedId },
    );
    const subject = `Adult ${adult.socialcareId} PoliceAdultSection`;
    expect({
      allowed: (await auditOf(police, allowedId, AUDITED))
        .sort(bySubject)
        .filter((r) => r.outcome !== 'WITHHELD'),
      denied: {
        data: denied.data,
        errors: errorCodes(denied),
        audit: (await auditOf(police, deniedId, AUDITED)).sort(bySubject),
      },
    }).toEqual({
      allowed: [
        {
          subject,
          childId: null,
          fields: ['summary'],
          outcome: 'DISCLOSED',
          reason: 'OPEN_CONTACT',
        },
      ],
      denied: {
        data: { _entities: [{ id: adult.socialcareId, police: null }] },
        errors: [['_entities.0.police', 'FORBIDDEN_NO_RELATIONSHIP']],
        audit: [
          {
            subject,
            childId: null,
            fields: ['summary'],
            outcome: 'DENIED',
            reason: 'FORBIDDEN_NO_RELATIONSHIP',
          },
        ],
      },
    });
  });
});

describe('the cost of police records', () => {
  it('answers 50 children’s records and chronologies with the same SQL statements as one', async () => {
    const rich = [...children].sort((a, b) => richness(b.policeId!) - richness(a.policeId!))[0];
    const others = world.socialcare.children.filter(
      (c) => c.dateOfBirth && c.id !== rich.socialcareId,
    );
    const ids = [rich.socialcareId!, ...others.map((c) => c.id)];
    const query = `query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on Child {
          police {
            summary domesticAbuse { id otherParties { role } } missingEpisodes { id } arrests { id }
            maracReferrals { id } courtOrders { id inForce } intelligence { id } occurrences { id }
          }
          policeEvents { kind }
        }
      }
    }`;
    const count = async (n: number) => {
      police.statements.reset();
      const res = await police.query(query, {
        r: ids.slice(0, n).map((id) => childRepresentation(world, id, 'police')),
      });
      expect(res.errors).toBeUndefined();
      return police.statements.count;
    };
    const one = await count(1);
    const fifty = await count(50);
    expect({ fifty, positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });

  it('answers 50 household adults with the same SQL statements as one', async () => {
    const rich = [...cleanAdults].sort((a, b) => richness(b.policeId!) - richness(a.policeId!))[0];
    const ids = [
      rich.socialcareId!,
      ...world.socialcare.adults.filter((a) => a.id !== rich.socialcareId).map((a) => a.id),
    ];
    const count = async (n: number) => {
      police.statements.reset();
      const res = await police.query(ADULT_QUERY, {
        r: ids.slice(0, n).map((id) => adultRepresentation(id)),
      });
      expect(res.errors).toBeUndefined();
      return police.statements.count;
    };
    const one = await count(1);
    const fifty = await count(50);
    expect({ fifty, positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });
});
