import type { TruthPerson, World } from '../../seed/world';
import type { RelationshipBasis } from '../../shared/access';
import { granted } from './auth';

type Agency = 'police' | 'health' | 'education';

/**
 * Children held by socialcare and by every agency in `agencies` with no discrepancy in any record,
 * so an exact match must find them. Ground truth is read by tests only.
 */
export function cleanChildren(world: World, agencies: Agency[]): TruthPerson[] {
  return world.truth.people.filter(
    (p) =>
      p.kind === 'CHILD' &&
      !p.unborn &&
      p.socialcareId !== null &&
      agencies.every((a) => p[`${a}Id`] !== null) &&
      Object.values(p.discrepancies).every((d) => !d || d.length === 0),
  );
}

/** Socialcare children that no partner agency holds at all. */
export function childrenUnknownToPartners(world: World): TruthPerson[] {
  return world.truth.people.filter(
    (p) =>
      p.kind === 'CHILD' &&
      !p.unborn &&
      p.socialcareId !== null &&
      p.policeId === null &&
      p.healthId === null &&
      p.educationId === null,
  );
}

/** The fields each partner `@requires` of a child besides the demographics. */
const IDENTIFIERS: Record<Agency, ('nhsNumber' | 'upn')[]> = {
  police: [],
  health: ['nhsNumber'],
  education: ['upn'],
};

/**
 * The `_entities` representation of a socialcare child, as the gateway would send it to `agency`.
 * `relationship` (the basis socialcare's grant states) defaults to an open MASH contact, so the
 * partner discloses.
 */
export function childRepresentation(
  world: World,
  socialcareId: string,
  agency: Agency,
  relationship: RelationshipBasis | null = 'OPEN_CONTACT',
) {
  const child = world.socialcare.children.find((c) => c.id === socialcareId);
  if (!child) throw new Error(`no socialcare child ${socialcareId}`);
  const household = world.socialcare.households.find((h) => h.id === child.householdId);
  return {
    __typename: 'Child',
    id: child.id,
    givenName: child.givenName,
    familyName: child.familyName,
    dateOfBirth: child.dateOfBirth,
    sex: child.sex,
    postcode: household?.postcode ?? null,
    ...Object.fromEntries(IDENTIFIERS[agency].map((k) => [k, child[k]])),
    relationshipGrant: granted(relationship),
  };
}

/** The world's record for a test, or a clear failure when the generator stops making one. */
export function must<T>(found: T | undefined, what: string): T {
  if (found === undefined) throw new Error(`The test world has no ${what}`);
  return found;
}
