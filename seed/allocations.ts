/**
 * What Annex A lists 3 and 4 ask of social care's casework, drawn once the referrals and
 * assessments exist: the team and worker each accepted referral and each assessment is allocated
 * to, whether the child was seen during the assessment, and the disability of each child referred.
 *
 * It draws from its own random stream and only fills fields nothing else reads, so no earlier
 * field and no other agency's data moves when it changes.
 */
import type { Rng } from './random';
import type { SocialcareData } from './world/types';

/** The socialcare rows it fills in place. */
export type AllocationsInput = Pick<
  SocialcareData,
  'children' | 'contacts' | 'referrals' | 'assessments'
>;

/** The receiving team most referrals go to (a registered socialcare team, shared/agencies.json). */
export const RECEIVING_TEAM = 'Assessment Team 2';
/** Share of accepted referrals the MASH team that made them keeps and allocates itself. */
const KEPT_BY_MASH = 0.12;
/** Share of assessments done by a worker other than the referral's (reallocated in the team). */
const REALLOCATED = 0.1;
/** Child seen during the assessment: yes, no, not recorded. */
const CHILD_SEEN = [0.96, 0.03, 0.01] as const;
/**
 * Disability of children in need: about 13% yes (England's children in need, 2023-24: 13%), the
 * rest mostly no, a few unknown.
 */
const DISABILITY = [0.13, 0.82, 0.05] as const;

/** Each registered socialcare team's workers: fictional names, a handful per team. */
export const TEAM_WORKERS: Readonly<Record<string, readonly string[]>> = {
  'Assessment Team 2': [
    'Sam Carter',
    'Priya Nair',
    'Tomasz Wolski',
    'Grace Adeyemi',
    'Hannah Lowe',
    'Owen Price',
    'Maryam Aziz',
    'Callum Reeves',
  ],
  'MASH North': ['Ruth Okoro', 'Daniel Reid', 'Aisha Khan', 'Mark Ellis', 'Ellie Shaw'],
  'MASH South': ['Chloe Baptiste', 'Ben Hart', 'Leila Haddad', 'Joe Murphy'],
  'MASH Central': ['Imran Siddiqui', 'Kate Doyle', 'Femi Oladipo', 'Lucy Chen', 'Paul Mensah'],
};

/**
 * Fills, in place: each accepted referral's allocated team and worker (the receiving team mostly,
 * the MASH team that made it sometimes; a referral not yet accepted has none), each assessment's
 * (its referral's, sometimes another worker of the same team) and whether the child was seen, and
 * the disability of every child with a referral. Same input and stream give the same values.
 */
export function addAllocations(socialcare: AllocationsInput, rng: Rng): void {
  // Children first, then referrals, then assessments: the draws of each never depend on a later
  // kind's rows, so a world without assessments gives its children and referrals the same values.
  const referred = new Set(socialcare.referrals.map((r) => r.childId));
  for (const child of socialcare.children) {
    if (!referred.has(child.id)) {
      child.disability = null;
      continue;
    }
    child.disability = (['YES', 'NO', 'UNKNOWN'] as const)[rng.weightedIndex(DISABILITY)];
  }
  const teamOfContact = new Map(socialcare.contacts.map((c) => [c.id, c.team]));
  const referralById = new Map(socialcare.referrals.map((r) => [r.id, r]));
  for (const referral of socialcare.referrals) {
    if (referral.completedAt === null) {
      referral.allocatedTeam = null;
      referral.allocatedWorker = null;
      continue;
    }
    const mash = teamOfContact.get(referral.contactId) ?? '';
    const team = rng.chance(KEPT_BY_MASH) && TEAM_WORKERS[mash] ? mash : RECEIVING_TEAM;
    referral.allocatedTeam = team;
    referral.allocatedWorker = rng.pick(TEAM_WORKERS[team]);
  }
  for (const assessment of socialcare.assessments) {
    const referral = referralById.get(assessment.referralId);
    const team = referral?.allocatedTeam ?? RECEIVING_TEAM;
    assessment.allocatedTeam = team;
    assessment.allocatedWorker =
      referral?.allocatedWorker && !rng.chance(REALLOCATED)
        ? referral.allocatedWorker
        : rng.pick(TEAM_WORKERS[team]);
    const seen = rng.weightedIndex(CHILD_SEEN);
    assessment.childSeen = seen === 0 ? true : seen === 1 ? false : null;
  }
}
