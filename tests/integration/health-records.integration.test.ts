import { SENSITIVE_HEALTH_SUMMARY } from '../../subgraphs/health/access';
import type { TruthPerson, World } from '../../seed/world';
import { localDate, localMidnight } from '../../shared/time';
import { auditOf, DISCLOSURE_COLUMNS } from '../support/audit';
import { errorCodes } from '../support/errors';
import type { GraphQLResponse, RunningSubgraph } from '../support/system';
import { dataStatements, startSubgraph, TEST_NOW, testWorld } from '../support/system';
import { childRepresentation, childrenUnknownToPartners, cleanChildren } from '../support/truth';
import type { RelationshipBasis } from '../../shared/access';
import { granted } from '../support/auth';

const TODAY = localDate(TEST_NOW);
const OPEN_CONTACT: RelationshipBasis = 'OPEN_CONTACT';
const NO_RELATIONSHIP = null;

const CHILD_SECTION = `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Child {
        health {
          match { level }
          gpRegistrations { practice { code name } registeredFrom registeredTo current }
          communityContacts { id at service kind wasNotBrought note }
          camhsReferrals { id referredOn reason status }
          maternity { id bookedOn expectedDeliveryDate deliveredOn concernsNoted concerns }
          safeguardingFlags { id code startsOn endsOn active note }
        }
      }
    }
  }`;

const CHILD_EVENTS = `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Child { healthEvents { at agency kind summary severity } }
    }
  }`;

const ADULT_SECTION = `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Adult {
        id
        health {
          match { level agencyReference }
          summary
          patient { id }
          safeguardingFlags { id code startsOn endsOn active note }
          parentalConcerns { id recordedOn kind note }
          maternity { id bookedOn expectedDeliveryDate deliveredOn concernsNoted concerns }
        }
      }
    }
  }`;

type Entities = { _entities: Record<string, unknown>[] };
type ChronologyRow = {
  at: string;
  agency: string;
  kind: string;
  summary: string;
  severity: string;
};

/** Newest first by `key`, ties by id descending, as health's loaders order. */
function newestFirst<T extends { id: string }>(rows: T[], key: (r: T) => string): T[] {
  return [...rows].sort((a, b) => key(b).localeCompare(key(a)) || b.id.localeCompare(a.id));
}

/** The `health.maternity` of the first entity in a response. */
function maternityOf(res: GraphQLResponse<Entities>): unknown {
  return (res.data?._entities[0].health as { maternity: unknown } | undefined)?.maternity;
}

/** What health holds of one patient, from the world, in the section's order and shape. */
function recordsOf(world: World, patientId: string) {
  const h = world.health;
  const gp = h.gpRegistrations.filter((r) => r.patientId === patientId);
  const birth = h.maternityEpisodes.find((e) => e.babyPatientId === patientId) ?? null;
  return {
    gpRegistrations: [
      ...gp.filter((r) => r.registeredTo === null),
      ...gp
        .filter((r) => r.registeredTo !== null)
        .sort(
          (a, b) =>
            (b.registeredTo as string).localeCompare(a.registeredTo as string) ||
            b.registeredFrom.localeCompare(a.registeredFrom),
        ),
    ].map((r) => ({
      practice: { code: r.practiceCode, name: r.practiceName },
      registeredFrom: r.registeredFrom,
      registeredTo: r.registeredTo,
      current: r.registeredTo === null,
    })),
    communityContacts: newestFirst(
      h.communityContacts.filter((c) => c.patientId === patientId),
      (c) => new Date(c.at).toISOString(),
    ).map((c) => ({
      id: c.id,
      at: new Date(c.at).toISOString(),
      service: c.service,
      kind: c.kind,
      wasNotBrought: c.wasNotBrought,
      note: c.note,
    })),
    camhsReferrals: newestFirst(
      h.camhsReferrals.filter((r) => r.patientId === patientId),
      (r) => r.referredOn,
    ).map(({ patientId: _, ...r }) => r),
    maternity: birth && {
      id: birth.id,
      bookedOn: birth.bookedOn,
      expectedDeliveryDate: birth.expectedDeliveryDate,
      deliveredOn: birth.deliveredOn,
      concernsNoted: birth.concerns !== null,
      concerns: birth.concerns,
    },
    safeguardingFlags: newestFirst(
      h.safeguardingFlags.filter((f) => f.patientId === patientId),
      (f) => f.startsOn,
    ).map(({ patientId: _, ...f }) => ({
      ...f,
      active: f.startsOn <= TODAY && (f.endsOn === null || f.endsOn > TODAY),
    })),
    parentalConcerns: newestFirst(
      h.parentalConcerns.filter((c) => c.patientId === patientId),
      (c) => c.recordedOn,
    ).map(({ patientId: _, ...c }) => c),
    mothersEpisodes: newestFirst(
      h.maternityEpisodes.filter((e) => e.motherPatientId === patientId),
      (e) => e.bookedOn,
    ).map((e) => ({
      id: e.id,
      bookedOn: e.bookedOn,
      expectedDeliveryDate: e.expectedDeliveryDate,
      deliveredOn: e.deliveredOn,
      concernsNoted: e.concerns !== null,
      concerns: e.concerns,
    })),
  };
}

/**
 * A child's health events as health sees them, reduced to when and what kind (the summaries are
 * health's wording), sorted by instant then kind.
 */
function eventsOf(world: World, patientId: string) {
  const h = world.health;
  const day = (d: string) => localMidnight(d).toISOString();
  const birth = h.maternityEpisodes.find((e) => e.babyPatientId === patientId);
  return [
    ...h.attendances
      .filter((a) => a.patientId === patientId)
      .map((a) => ({
        at: new Date(a.arrivedAt).toISOString(),
        kind: `${a.setting}_ATTENDANCE`,
        sensitive: a.sensitiveCategory !== null,
        text: a.presentingReason,
      })),
    ...h.communityContacts
      .filter((c) => c.patientId === patientId)
      .map((c) => ({
        at: new Date(c.at).toISOString(),
        kind: c.wasNotBrought ? 'WAS_NOT_BROUGHT' : c.service,
        sensitive: false,
        text: null,
      })),
    ...h.camhsReferrals
      .filter((r) => r.patientId === patientId)
      .map((r) => ({
        at: day(r.referredOn),
        kind: 'CAMHS_REFERRAL',
        sensitive: true,
        text: r.reason,
      })),
    ...h.safeguardingFlags
      .filter((f) => f.patientId === patientId)
      .flatMap((f) => [
        { at: day(f.startsOn), kind: 'SAFEGUARDING_FLAG', sensitive: false, text: null },
        ...(f.endsOn !== null && f.endsOn <= TODAY
          ? [{ at: day(f.endsOn), kind: 'SAFEGUARDING_FLAG_ENDED', sensitive: false, text: null }]
          : []),
      ]),
    ...(birth
      ? [
          { at: day(birth.bookedOn), kind: 'MATERNITY_BOOKING', sensitive: false, text: null },
          ...(birth.deliveredOn
            ? [{ at: day(birth.deliveredOn), kind: 'BIRTH', sensitive: false, text: null }]
            : []),
        ]
      : []),
  ].sort(byInstantThenKind);
}

function byInstantThenKind(a: { at: string; kind: string }, b: { at: string; kind: string }) {
  return a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind);
}

/** Clean children socialcare holds with an NHS number, so health confirms them by identifier. */
function confirmableChildren(world: World): TruthPerson[] {
  return cleanChildren(world, ['health']).filter(
    (p) => world.socialcare.children.find((c) => c.id === p.socialcareId)?.nhsNumber,
  );
}

/**
 * Household adults socialcare and health both hold with no discrepancy anywhere and a date of
 * birth on socialcare's record, so health's demographic match finds them.
 */
function cleanAdults(world: World): TruthPerson[] {
  return world.truth.people.filter(
    (p) =>
      p.kind === 'ADULT' &&
      p.socialcareId !== null &&
      p.healthId !== null &&
      world.socialcare.adults.find((a) => a.id === p.socialcareId)?.dateOfBirth &&
      Object.values(p.discrepancies).every((d) => !d || d.length === 0),
  );
}

/** The `_entities` representation of a socialcare adult, as the gateway would send it to health. */
function adultRepresentation(
  world: World,
  adultId: string,
  relationship: RelationshipBasis | null = OPEN_CONTACT,
) {
  const adult = world.socialcare.adults.find((a) => a.id === adultId);
  if (!adult) throw new Error(`no socialcare adult ${adultId}`);
  const household = world.socialcare.households.find((h) => h.id === adult.householdId);
  return {
    __typename: 'Adult',
    id: adult.id,
    givenName: adult.givenName,
    familyName: adult.familyName,
    dateOfBirth: adult.dateOfBirth,
    sex: adult.sex,
    postcode: household?.postcode ?? null,
    relationshipGrant: granted(relationship),
  };
}

/** The first person in `people` for whom `has` holds; fails the test, naming what, if none. */
function first(people: TruthPerson[], what: string, has: (p: TruthPerson) => boolean) {
  const found = people.find(has);
  if (!found) throw new Error(`the test world holds no ${what}`);
  return found;
}

describe('health records of a child', () => {
  let health: RunningSubgraph;
  const world = testWorld();
  const children = confirmableChildren(world);
  const childSection = (
    person: TruthPerson,
    as = 'health-mash',
    relationship: RelationshipBasis | null = OPEN_CONTACT,
  ) =>
    health.query<Entities>(
      CHILD_SECTION,
      { r: [childRepresentation(world, person.socialcareId!, 'health', relationship)] },
      { as },
    );

  beforeAll(async () => {
    health = await startSubgraph('health');
  });
  afterAll(() => health.stop());

  it.each([
    ['GP registrations', 'gpRegistrations'],
    ['health visiting and school nursing contacts', 'communityContacts'],
    ['CAMHS referrals', 'camhsReferrals'],
    ['safeguarding flags', 'safeguardingFlags'],
  ] as const)('gives a health reader the %s of a child who has them', async (_, field) => {
    const person = first(children, `confirmable child with ${field}`, (p) => {
      const records = recordsOf(world, p.healthId!)[field];
      return records.length > 0;
    });
    const records = recordsOf(world, person.healthId!);
    const res = await childSection(person);
    expect({ errors: res.errors, health: res.data?._entities[0].health }).toEqual({
      errors: undefined,
      health: {
        match: { level: 'CONFIRMED' },
        gpRegistrations: records.gpRegistrations,
        communityContacts: records.communityContacts,
        camhsReferrals: records.camhsReferrals,
        maternity: records.maternity,
        safeguardingFlags: records.safeguardingFlags,
      },
    });
  });

  it('gives a health reader the pregnancy a child was born of, concerns included', async () => {
    const person = first(
      children,
      'confirmable child linked to a maternity episode with concerns',
      (p) => recordsOf(world, p.healthId!).maternity?.concerns != null,
    );
    const res = await childSection(person);
    expect({ errors: res.errors, maternity: maternityOf(res) }).toEqual({
      errors: undefined,
      maternity: recordsOf(world, person.healthId!).maternity,
    });
  });

  it('withholds booking concerns from a reader outside health, showing that there are some', async () => {
    const person = first(
      children,
      'confirmable child linked to a maternity episode with concerns',
      (p) => recordsOf(world, p.healthId!).maternity?.concerns != null,
    );
    const requestId = `maternity-${person.socialcareId}`;
    const episode = recordsOf(world, person.healthId!).maternity!;
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Child {
            health {
              maternity { id bookedOn expectedDeliveryDate deliveredOn concernsNoted concerns }
            }
          }
        }
      }`,
      { r: [childRepresentation(world, person.socialcareId!, 'health')] },
      { as: 'sc-practitioner', requestId },
    );
    const withheld = (await auditOf(health, requestId, DISCLOSURE_COLUMNS)).filter(
      (r) => r.outcome === 'WITHHELD',
    );
    expect({ maternity: maternityOf(res), errors: errorCodes(res), withheld }).toEqual({
      maternity: { ...episode, concerns: null },
      errors: [['_entities.0.health.maternity.concerns', 'WITHHELD_SENSITIVE_HEALTH']],
      withheld: [
        {
          subject: `MaternityEpisode ${episode.id}`,
          childId: person.socialcareId,
          fields: ['concerns'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_SENSITIVE_HEALTH',
        },
      ],
    });
  });

  it('shows safeguarding flags to a reader outside health: they are shared so as to be seen', async () => {
    const person = first(children, 'confirmable child with a safeguarding flag', (p) =>
      world.health.safeguardingFlags.some((f) => f.patientId === p.healthId),
    );
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Child { health { safeguardingFlags { id code startsOn endsOn active note } } }
        }
      }`,
      { r: [childRepresentation(world, person.socialcareId!, 'health')] },
      { as: 'sc-practitioner' },
    );
    expect({ errors: res.errors, health: res.data?._entities[0].health }).toEqual({
      errors: undefined,
      health: { safeguardingFlags: recordsOf(world, person.healthId!).safeguardingFlags },
    });
  });

  it('withholds a child’s CAMHS referrals from a reader outside health, and records it', async () => {
    const person = first(children, 'confirmable child with a CAMHS referral', (p) =>
      world.health.camhsReferrals.some((r) => r.patientId === p.healthId),
    );
    const requestId = `camhs-${person.socialcareId}`;
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) { ... on Child { health { camhsReferrals { id } } } }
      }`,
      { r: [childRepresentation(world, person.socialcareId!, 'health')] },
      { as: 'sc-practitioner', requestId },
    );
    expect({
      health: res.data?._entities[0].health,
      errors: errorCodes(res),
      audit: await auditOf(health, requestId, DISCLOSURE_COLUMNS),
    }).toEqual({
      health: { camhsReferrals: null },
      errors: [['_entities.0.health.camhsReferrals', 'WITHHELD_SENSITIVE_HEALTH']],
      audit: [
        {
          subject: 'HealthSection',
          childId: person.socialcareId,
          fields: ['camhsReferrals.id'],
          outcome: 'DISCLOSED',
          reason: 'OPEN_CONTACT',
        },
        {
          subject: 'HealthSection.camhsReferrals',
          childId: person.socialcareId,
          fields: ['id'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_SENSITIVE_HEALTH',
        },
      ],
    });
  });

  it('withholds CAMHS referrals outside health from a child who has none too, so nothing is given away', async () => {
    const person = first(children, 'confirmable child without a CAMHS referral', (p) =>
      world.health.camhsReferrals.every((r) => r.patientId !== p.healthId),
    );
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) { ... on Child { health { camhsReferrals { id } } } }
      }`,
      { r: [childRepresentation(world, person.socialcareId!, 'health')] },
      { as: 'sc-practitioner' },
    );
    expect({ health: res.data?._entities[0].health, errors: errorCodes(res) }).toEqual({
      health: { camhsReferrals: null },
      errors: [['_entities.0.health.camhsReferrals', 'WITHHELD_SENSITIVE_HEALTH']],
    });
  });

  it('lists a health reader every event of a child, oldest first', async () => {
    // The child with the most kinds of record, so the chronology merges as many as the world has.
    const kinds = (p: TruthPerson) => new Set(eventsOf(world, p.healthId!).map((e) => e.kind)).size;
    const person = [...children].sort((a, b) => kinds(b) - kinds(a))[0];
    const res = await health.query<{
      _entities: { healthEvents: { at: string; kind: string }[] }[];
    }>(
      CHILD_EVENTS,
      { r: [childRepresentation(world, person.socialcareId!, 'health')] },
      { as: 'health-mash' },
    );
    const events = res.data!._entities[0].healthEvents;
    const ats = events.map((e) => e.at);
    expect({
      errors: res.errors,
      oldestFirst: ats.join() === [...ats].sort().join(),
      events: [...events].sort(byInstantThenKind).map(({ at, kind }) => ({ at, kind })),
    }).toEqual({
      errors: undefined,
      oldestFirst: true,
      events: eventsOf(world, person.healthId!).map(({ at, kind }) => ({ at, kind })),
    });
  });

  it('folds every sensitive event outside health into one SENSITIVE_HEALTH line, and records each', async () => {
    const person = first(children, 'confirmable child with a sensitive health event', (p) =>
      eventsOf(world, p.healthId!).some((e) => e.sensitive),
    );
    const requestId = `events-${person.socialcareId}`;
    const res = await health.query<{ _entities: { healthEvents: ChronologyRow[] }[] }>(
      CHILD_EVENTS,
      { r: [childRepresentation(world, person.socialcareId!, 'health')] },
      { as: 'sc-practitioner', requestId },
    );
    const expected = eventsOf(world, person.healthId!);
    const sensitive = expected.filter((e) => e.sensitive);
    // On the local date of the latest, at local midnight: neither count nor time of day shows.
    const latest = sensitive
      .map((e) => e.at)
      .sort()
      .at(-1) as string;
    const events = [...res.data!._entities[0].healthEvents].sort(byInstantThenKind);
    const withheld = (await auditOf(health, requestId, DISCLOSURE_COLUMNS)).filter(
      (r) => r.outcome === 'WITHHELD',
    );
    expect({
      errors: res.errors,
      events,
      describedSensitive: events.filter((e) =>
        sensitive.some((x) => e.summary.includes(x.text as string)),
      ),
      withheld: withheld.length,
    }).toEqual({
      errors: undefined,
      events: [
        ...expected
          .filter((e) => !e.sensitive)
          .map((e) => ({
            at: e.at,
            agency: 'HEALTH',
            kind: e.kind,
            summary: expect.any(String),
            severity: expect.stringMatching(/^(LOW|MEDIUM|HIGH)$/),
          })),
        {
          at: localMidnight(localDate(new Date(latest))).toISOString(),
          agency: 'HEALTH',
          kind: 'SENSITIVE_HEALTH',
          summary: SENSITIVE_HEALTH_SUMMARY,
          severity: 'MEDIUM',
        },
      ].sort(byInstantThenKind),
      describedSensitive: [],
      withheld: sensitive.length,
    });
  });

  it('answers a child it only possibly matches with no records and no events', async () => {
    const person = first(
      children,
      'confirmable child with health records',
      (p) => eventsOf(world, p.healthId!).length > 0,
    );
    // Without the NHS number and with a mistyped given name, the demographics alone are not enough.
    const representation = {
      ...childRepresentation(world, person.socialcareId!, 'health'),
      nhsNumber: null,
    };
    representation.givenName = `${representation.givenName}x`;
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Child {
            health {
              match { level }
              summary
              gpRegistrations { current }
              communityContacts { id }
              camhsReferrals { id }
              maternity { id }
              safeguardingFlags { id }
            }
            healthEvents { kind }
          }
        }
      }`,
      { r: [representation] },
      { as: 'health-mash' },
    );
    expect({ errors: res.errors, child: res.data?._entities[0] }).toEqual({
      errors: undefined,
      child: {
        health: {
          match: { level: 'POSSIBLE' },
          summary: 'Possible match in the health patient index; confirm before disclosure',
          gpRegistrations: [],
          communityContacts: [],
          camhsReferrals: [],
          maternity: null,
          safeguardingFlags: [],
        },
        healthEvents: [],
      },
    });
  });

  it('answers a child it does not hold with no records and no events', async () => {
    const [person] = childrenUnknownToPartners(world);
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Child {
            health { match { level } gpRegistrations { current } communityContacts { id }
                     camhsReferrals { id } maternity { id } safeguardingFlags { id } }
            healthEvents { kind }
          }
        }
      }`,
      { r: [childRepresentation(world, person.socialcareId!, 'health')] },
      { as: 'sc-practitioner' },
    );
    expect({ errors: res.errors, child: res.data?._entities[0] }).toEqual({
      errors: undefined,
      child: {
        health: {
          match: { level: 'NONE' },
          gpRegistrations: [],
          communityContacts: [],
          camhsReferrals: [],
          maternity: null,
          safeguardingFlags: [],
        },
        healthEvents: [],
      },
    });
  });

  it('refuses the section and the chronology without a relationship', async () => {
    const person = children[0];
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) { ... on Child { health { summary } healthEvents { kind } } }
      }`,
      { r: [childRepresentation(world, person.socialcareId!, 'health', NO_RELATIONSHIP)] },
      { as: 'sc-practitioner' },
    );
    expect({ child: res.data?._entities[0], errors: errorCodes(res) }).toEqual({
      child: { health: null, healthEvents: null },
      errors: [
        ['_entities.0.health', 'FORBIDDEN_NO_RELATIONSHIP'],
        ['_entities.0.healthEvents', 'FORBIDDEN_NO_RELATIONSHIP'],
      ],
    });
  });

  it('answers 50 children with every new record and their events in as many statements as one', async () => {
    const ids = [children[0], ...world.truth.people.filter((p) => p.kind === 'CHILD')]
      .map((p) => p.socialcareId)
      .filter((id): id is string => id !== null)
      .filter((id) => world.socialcare.children.find((c) => c.id === id)?.dateOfBirth);
    const query = `query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on Child {
          health { summary gpRegistrations { current } communityContacts { id } camhsReferrals { id }
                   maternity { id concerns } safeguardingFlags { id active } }
          healthEvents { kind }
        }
      }
    }`;
    const count = async (n: number) => {
      health.statements.reset();
      const res = await health.query(
        query,
        { r: ids.slice(0, n).map((id) => childRepresentation(world, id, 'health')) },
        { as: 'health-mash' },
      );
      expect(res.errors).toBeUndefined();
      return health.statements.count;
    };
    const one = await count(1);
    expect({ fifty: await count(50), positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });
});

describe('health records of a household adult', () => {
  let health: RunningSubgraph;
  const world = testWorld();
  const adults = cleanAdults(world);
  const adultSection = (
    person: TruthPerson,
    as: string,
    relationship: RelationshipBasis | null = OPEN_CONTACT,
  ) =>
    health.query<Entities>(
      ADULT_SECTION,
      { r: [adultRepresentation(world, person.socialcareId!, relationship)] },
      { as },
    );

  beforeAll(async () => {
    health = await startSubgraph('health');
  });
  afterAll(() => health.stop());

  it.each([
    ['safeguarding flags', 'safeguardingFlags'],
    ['parental concerns', 'parentalConcerns'],
    ['maternity episodes', 'mothersEpisodes'],
  ] as const)('gives a health reader the %s of an adult who has them', async (_, field) => {
    const person = first(adults, `clean adult with ${field}`, (p) => {
      return recordsOf(world, p.healthId!)[field].length > 0;
    });
    const records = recordsOf(world, person.healthId!);
    const res = await adultSection(person, 'health-mash');
    expect({ errors: res.errors, adult: res.data?._entities[0] }).toEqual({
      errors: undefined,
      adult: {
        id: person.socialcareId,
        health: {
          match: { level: 'PROBABLE', agencyReference: person.healthId },
          summary: expect.stringMatching(/^Registered with |^Not registered with a GP/),
          patient: { id: person.healthId },
          safeguardingFlags: records.safeguardingFlags,
          parentalConcerns: records.parentalConcerns,
          maternity: records.mothersEpisodes,
        },
      },
    });
  });

  it('withholds an adult’s parental concerns outside health, even whether there are any, and records it', async () => {
    const person = first(adults, 'clean adult with a parental concern', (p) =>
      world.health.parentalConcerns.some((c) => c.patientId === p.healthId),
    );
    const requestId = `concerns-${person.socialcareId}`;
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Adult { health { summary parentalConcerns { id recordedOn kind note } } }
        }
      }`,
      { r: [adultRepresentation(world, person.socialcareId!)] },
      { as: 'sc-practitioner', requestId },
    );
    const withheld = (await auditOf(health, requestId, DISCLOSURE_COLUMNS)).filter(
      (r) => r.outcome === 'WITHHELD',
    );
    expect({
      health: res.data?._entities[0].health,
      errors: errorCodes(res),
      withheld,
    }).toEqual({
      health: {
        summary: expect.stringContaining(SENSITIVE_HEALTH_SUMMARY),
        parentalConcerns: null,
      },
      errors: [['_entities.0.health.parentalConcerns', 'WITHHELD_SENSITIVE_HEALTH']],
      withheld: [
        {
          subject: `Adult ${person.socialcareId} HealthAdultSection.parentalConcerns`,
          childId: null,
          fields: ['id', 'kind', 'note', 'recordedOn'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_SENSITIVE_HEALTH',
        },
        {
          subject: `Adult ${person.socialcareId} HealthAdultSection`,
          childId: null,
          fields: ['summary'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_SENSITIVE_HEALTH',
        },
      ],
    });
  });

  it('shows an adult’s parental concerns to a health reader', async () => {
    const person = first(adults, 'clean adult with a parental concern', (p) =>
      world.health.parentalConcerns.some((c) => c.patientId === p.healthId),
    );
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) { ... on Adult { health { parentalConcerns { id kind } } } }
      }`,
      { r: [adultRepresentation(world, person.socialcareId!)] },
      { as: 'health-mash' },
    );
    expect({ health: res.data?._entities[0].health, errors: res.errors }).toEqual({
      health: {
        parentalConcerns: recordsOf(world, person.healthId!).parentalConcerns.map((c) => ({
          id: c.id,
          kind: c.kind,
        })),
      },
      errors: undefined,
    });
  });

  it('refuses an adult’s section without a relationship', async () => {
    const res = await adultSection(adults[0], 'sc-practitioner', NO_RELATIONSHIP);
    expect({ adult: res.data?._entities[0], errors: errorCodes(res) }).toEqual({
      adult: { id: adults[0].socialcareId, health: null },
      errors: [['_entities.0.health', 'FORBIDDEN_NO_RELATIONSHIP']],
    });
  });

  it('answers 50 adults in as many statements as one', async () => {
    const ids = world.socialcare.adults.filter((a) => a.dateOfBirth).map((a) => a.id);
    ids.unshift(adults[0].socialcareId!);
    const count = async (n: number) => {
      health.statements.reset();
      const res = await health.query(
        ADULT_SECTION,
        { r: ids.slice(0, n).map((id) => adultRepresentation(world, id)) },
        { as: 'health-mash' },
      );
      expect(res.errors).toBeUndefined();
      return health.statements.count;
    };
    const one = await count(1);
    expect({ fifty: await count(50), positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });

  it('reads a child’s and household adults’ records in one statement, after the match candidates', async () => {
    const child = cleanChildren(world, ['health'])[0];
    health.statements.reset();
    const res = await health.query<Entities>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Child {
            health { match { level } summary attendances { id } gpRegistrations { current }
                     communityContacts { id } camhsReferrals { id } maternity { id }
                     safeguardingFlags { id } }
            healthEvents { kind }
          }
          ... on Adult {
            adultHealth: health { match { level } summary safeguardingFlags { id } parentalConcerns { id }
                     maternity { id } }
          }
        }
      }`,
      {
        r: [
          childRepresentation(world, child.socialcareId!, 'health'),
          ...adults.slice(0, 3).map((a) => adultRepresentation(world, a.socialcareId!)),
        ],
      },
      { as: 'health-mash' },
    );
    const levels = res.data?._entities.map(
      (e) => ((e.health ?? e.adultHealth) as { match: { level: string } }).match.level,
    );
    expect({
      errors: res.errors,
      levels,
      reads: dataStatements(health.statements),
      recordReads: health.statements.statements.filter((s) =>
        /unscheduled_care_attendances/.test(s),
      ).length,
    }).toEqual({
      errors: undefined,
      levels: ['CONFIRMED', 'PROBABLE', 'PROBABLE', 'PROBABLE'],
      reads: 2,
      recordReads: 1,
    });
  });
});
