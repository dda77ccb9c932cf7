/**
 * The children and request ids the access end-to-end tests share (tests/e2e/access.e2e.test.ts,
 * tests/e2e/gateway.e2e.test.ts), found in the test world by their relationship to the MASH:
 * on an open contact, with no relationship at all, or with MASH North holding the case.
 */
import { randomUUID } from 'node:crypto';
import { TEST_NOW, testWorld } from './system';
import { cleanChildren, must } from './truth';

const world = testWorld();

/** The team of the contact behind the child's latest referral: the team holding the case. */
export function caseTeamOf(childId: string): string | null {
  const latest = world.socialcare.referrals
    .filter((r) => r.childId === childId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .at(-1);
  return latest ? world.socialcare.contacts.find((c) => c.id === latest.contactId)!.team : null;
}

const openDecisions = world.socialcare.contactChildren.filter((d) => d.decidedAt === null);
/** Whether the child is on a contact with a decision still to make. */
export const hasOpenContact = (childId: string) => openDecisions.some((d) => d.childId === childId);
const knownToAll = world.truth.people.filter(
  (p) =>
    p.kind === 'CHILD' && !p.unborn && p.socialcareId && p.policeId && p.healthId && p.educationId,
);
const clean = cleanChildren(world, ['police', 'health', 'education']);

/** On an open MASH contact and known to every agency (no clean child is on one in this world). */
export const openChild = must(
  knownToAll.find((p) => hasOpenContact(p.socialcareId!)),
  'child on an open contact known to every agency',
);
/** The open contact `openChild` is on. */
export const openContactId = openDecisions.find(
  (d) => d.childId === openChild.socialcareId,
)!.contactId;
/** No open contact and no case: only a break-glass reason opens its records. */
export const unrelatedChild = must(
  clean.find((p) => !hasOpenContact(p.socialcareId!) && caseTeamOf(p.socialcareId!) === null),
  'clean child with no open contact and no case',
);
/** No open contact; MASH North (every MASH demo user's team but one) holds the case. */
export const northCaseChild = must(
  clean.find(
    (p) => !hasOpenContact(p.socialcareId!) && caseTeamOf(p.socialcareId!) === 'MASH North',
  ),
  'clean child with no open contact whose case MASH North holds',
);
/** Socialcare's record of the child `id`. */
export const scChild = (id: string) => world.socialcare.children.find((c) => c.id === id)!;

/** A break-glass reason long enough to review. */
export const REASON = 'Strategy discussion at 3pm; police report the child missing overnight';
/** An hour before TEST_NOW: the break-glass reviews read from here. */
export const SINCE = new Date(TEST_NOW.getTime() - 60 * 60 * 1000).toISOString();

/** A request id of our own, so the audit rows and log line of exactly this request can be found. */
export const newRequestId = () => `access-${randomUUID()}`;
