/**
 * What the police records tests share (tests/integration/police-*.integration.test.ts): what
 * police should say of a person's records beyond occurrences, worked out from the generated
 * world; the children and adults to ask about; and the queries, asked through `_entities` as the
 * gateway would.
 */
import type { PoliceCourtOrder, PoliceOccurrencePerson } from '../../seed/world';
import { ageInYears, localDate, localMidnight } from '../../shared/time';
import { TEST_NOW, testWorld } from './system';
import { cleanChildren, must } from './truth';
import type { RelationshipBasis } from '../../shared/access';
import { granted } from './auth';

const world = testWorld();
const P = world.police;
const today = localDate(TEST_NOW);
/** An instant as the API gives it: ISO 8601 in UTC. */
export const iso = (instant: string) => new Date(instant).toISOString();
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
export function expectedDomesticAbuse(policeId: string) {
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

/** What police should say of a person's missing episodes, from the world. */
export function expectedMissing(policeId: string) {
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

/** What police should say of a person's arrests, from the world. */
export function expectedArrests(policeId: string) {
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

/** What police should say of a person's MARAC referrals, from the world. */
export function expectedMarac(policeId: string) {
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

/** What police should say of the court orders naming a person, from the world. */
export function expectedCourtOrders(policeId: string) {
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

/** A person's intelligence items in the world. */
export const intelligenceOf = (policeId: string) =>
  P.intelligenceItems.filter((i) => i.personId === policeId);

/**
 * The child's chronology as [kind, at], oldest first, from the world: what the events must hold
 * for a reader who may see `handlingCodes` of intelligence.
 */
export function expectedEvents(policeId: string, handlingCodes: ('P' | 'C')[]) {
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
export function richness(policeId: string): number {
  return [
    expectedDomesticAbuse(policeId),
    expectedMissing(policeId),
    expectedArrests(policeId),
    expectedMarac(policeId),
    expectedCourtOrders(policeId),
  ].filter((l) => l.length > 0).length;
}

/** Children held by socialcare and police with no discrepancy: an exact match finds them. */
export const children = cleanChildren(world, ['police']);
/** The first of `children` whose police records have `what`, or a clear failure. */
export const childWith = (what: string, has: (policeId: string) => boolean) =>
  must(
    children.find((p) => has(p.policeId!)),
    `clean child known to police with ${what}`,
  );

/**
 * Household adults held by police with no discrepancy whose date of birth socialcare knows (police
 * match on it), so an exact match must find them.
 */
export const cleanAdults = world.truth.people.filter(
  (p) =>
    p.kind === 'ADULT' &&
    p.socialcareId !== null &&
    p.policeId !== null &&
    world.socialcare.adults.find((a) => a.id === p.socialcareId)?.dateOfBirth &&
    Object.values(p.discrepancies).every((d) => !d || d.length === 0),
);

/** The `_entities` representation of a socialcare adult, with the household's relationship. */
export function adultRepresentation(
  socialcareId: string,
  relationship: RelationshipBasis | null = 'OPEN_CONTACT',
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
    relationshipGrant: granted(relationship),
  };
}

/** A relationship of neither an open contact nor the case team: police disclose nothing. */
export const NO_RELATIONSHIP = null;

/** The record lists a child's and an adult's section both have. */
const RECORD_FIELDS = `
  domesticAbuse {
    id occurrenceReference occurredAt assessedAt dashRisk childrenPresent previousIncidents role
    otherParties { role under18 }
  }
  arrests { id arrestedAt offenceCategory offence outcome }
  maracReferrals { id referredAt conferenceDate domesticAbuseNotificationId }
  courtOrders { id kind party madeOn expiresOn inForce }`;

/** A child's section, every record list and the match, through `_entities`. */
export const CHILD_QUERY = `
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

/** A child's police chronology, through `_entities`. */
export const EVENTS_QUERY = `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Child { id policeEvents { at agency kind summary severity } }
    }
  }`;

/** A household adult's section, every list and the match, through `_entities`. */
export const ADULT_QUERY = `
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

/** The data of an `_entities` query. */
export type Entities<T> = { _entities: T[] };
/** A chronology event as police give it. */
export type Event = { at: string; agency: string; kind: string; summary: string; severity: string };
