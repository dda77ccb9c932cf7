import { decideChildRecord, type AccessDecision, type Relationship } from '../../shared/access';
import type { SocialcareContext } from './context';

/**
 * Parts of a child's record that are child-level records, gated on a legitimate relationship (an
 * open contact, the case team, or a break-glass reason).
 */
export const GATED_CHILD_FIELDS: readonly string[] = [
  'household',
  'contacts',
  'referrals',
  'chronology',
  'matchDecisions',
  'matchLinks',
];

/** A child with no open contact and no case. */
export const NO_RELATIONSHIP: Relationship = { hasOpenContact: false, caseTeam: null };

/**
 * Socialcare's own decision on a child-level record of one child for the request's reader: the
 * child's relationship facts (one batched statement per request) through `decideChildRecord`.
 */
export async function decideForChild(
  ctx: SocialcareContext,
  childId: string,
): Promise<AccessDecision> {
  const relationship = await ctx.loaders.relationshipByChildId.load(childId);
  return decideChildRecord(ctx.principal, 'SOCIALCARE', relationship ?? NO_RELATIONSHIP);
}
