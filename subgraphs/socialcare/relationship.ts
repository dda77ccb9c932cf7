import type { GraphQLResolveInfo } from 'graphql';
import {
  AccessCode,
  decideChildRecord,
  refuse,
  refuseByRole,
  type AccessDecision,
  type Relationship,
  type RelationshipBasis,
} from '../../shared/access';
import { LEAD_AGENCY, teamOf } from '../../shared/agencies';
import type { User } from '../../shared/auth';
import type { GrantSubject } from '../../shared/grants';
import { localDate } from '../../shared/time';
import type { SocialcareContext } from './context';

/**
 * Parts of a child's record that are child-level records, gated on a legitimate relationship (an
 * open contact, the case team, or break-glass for this child).
 */
export const GATED_CHILD_FIELDS: readonly string[] = [
  'household',
  'contacts',
  'referrals',
  'chronology',
  'matchDecisions',
  'matchLinks',
  'earlyHelpEpisodes',
];

/** A child with no open contact and no case. */
export const NO_RELATIONSHIP: Relationship = { hasOpenContact: false, caseTeam: null };

/** The root fields that list children a user searched for: break-glass never opens their results. */
const SEARCH_FIELDS: ReadonlySet<string> = new Set(['searchChildren']);

/** True when `info` resolves a field under a search's results. */
export function underSearch(info: GraphQLResolveInfo | undefined): boolean {
  if (!info) return false;
  let path = info.path;
  while (path.prev) path = path.prev;
  return SEARCH_FIELDS.has(String(path.key));
}

/**
 * Does a case team named in a contact belong to the reader? The reader must be socialcare's and
 * their registered team the same team (by id) as the case's: a partner's team of the same name
 * holds no socialcare case.
 */
export function holdsCase(user: User, caseTeams: readonly (string | null)[]): boolean {
  const { agency, team } = user;
  if (agency !== LEAD_AGENCY.code || !team) return false;
  const own = teamOf(LEAD_AGENCY.code, team)?.id;
  return own !== undefined && caseTeams.some((t) => t && teamOf(LEAD_AGENCY.code, t)?.id === own);
}

/** The outcome of a request's break-glass: used (for the named child), refused, or not asked. */
type BreakGlass = 'USED' | 'ALLOWANCE_EXCEEDED' | 'NOT_ASKED';

/**
 * Breaks glass for the request's named child, once per request: counts the user's break-glass
 * children for the day (Europe/London) and, within the daily allowance, records this child among
 * them (the same child again that day costs nothing). Refused beyond the allowance, recorded in
 * the audit as DENIED for the manager's review. One user's concurrent requests are serialised by
 * an advisory lock, so the allowance cannot be overrun by racing.
 */
function breakGlass(ctx: SocialcareContext, childId: string): Promise<BreakGlass> {
  const { breakGlassChildId, breakGlassReason, user, requestId } = ctx.principal;
  if (
    !breakGlassReason ||
    breakGlassChildId !== childId ||
    refuseByRole(ctx.principal, 'SOCIALCARE')
  ) {
    return Promise.resolve('NOT_ASKED');
  }
  ctx.breakGlassOutcome ??= ctx.dataSource.transaction(async (m) => {
    const day = localDate(ctx.now);
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `break-glass:${user.id}`,
    ]);
    const used: { childId: string }[] = await m.query(
      `SELECT child_id AS "childId" FROM break_glass_uses WHERE user_id = $1 AND day = $2`,
      [user.id, day],
    );
    if (used.some((u) => u.childId === childId)) return 'USED';
    if (used.length >= ctx.breakGlassDailyAllowance) return 'ALLOWANCE_EXCEEDED';
    await m.query(
      `INSERT INTO break_glass_uses (user_id, day, child_id, request_id, reason, used_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [user.id, day, childId, requestId, breakGlassReason, ctx.now],
    );
    return 'USED';
  });
  return ctx.breakGlassOutcome.then((outcome) => {
    if (outcome === 'ALLOWANCE_EXCEEDED' && !ctx.breakGlassRefusalRecorded) {
      ctx.breakGlassRefusalRecorded = true;
      ctx.audit.record({
        action: 'READ',
        subject: 'BreakGlass',
        childId,
        fields: [],
        outcome: 'DENIED',
        reason: AccessCode.BREAK_GLASS_ALLOWANCE_EXCEEDED,
        lawfulBasis: null,
      });
    }
    return outcome;
  });
}

/** What socialcare finds about the reader and one child: a basis, or none and whether glass was refused. */
interface Found {
  basis: RelationshipBasis | null;
  breakGlass: BreakGlass;
}

async function findForChild(
  ctx: SocialcareContext,
  childId: string,
  info?: GraphQLResolveInfo,
): Promise<Found> {
  const facts = (await ctx.loaders.relationshipByChildId.load(childId)) ?? NO_RELATIONSHIP;
  if (facts.hasOpenContact) return { basis: 'OPEN_CONTACT', breakGlass: 'NOT_ASKED' };
  if (holdsCase(ctx.principal.user, [facts.caseTeam]))
    return { basis: 'CASE_TEAM', breakGlass: 'NOT_ASKED' };
  if (underSearch(info)) return { basis: null, breakGlass: 'NOT_ASKED' };
  const glass = await breakGlass(ctx, childId);
  return { basis: glass === 'USED' ? 'BREAK_GLASS' : null, breakGlass: glass };
}

/**
 * The basis on which the reader may see one child's child-level records, as socialcare finds it:
 * an open contact, the reader's socialcare team holding the case (by team id), or break-glass
 * named for this child (never under a search, and within the user's daily allowance); null when
 * none holds.
 */
export async function relationshipBasis(
  ctx: SocialcareContext,
  childId: string,
  info?: GraphQLResolveInfo,
): Promise<RelationshipBasis | null> {
  return (await findForChild(ctx, childId, info)).basis;
}

/**
 * The basis for a household adult: the household's children taken together (a contact open on
 * any of them, a case any of them has with the reader's team, or break-glass named for one of
 * them).
 */
export async function adultRelationshipBasis(
  ctx: SocialcareContext,
  householdId: string,
  info?: GraphQLResolveInfo,
): Promise<RelationshipBasis | null> {
  const facts = await ctx.loaders.relationshipByHouseholdId.load(householdId);
  if (facts?.hasOpenContact) return 'OPEN_CONTACT';
  if (facts && holdsCase(ctx.principal.user, facts.caseTeams)) return 'CASE_TEAM';
  const named = ctx.principal.breakGlassChildId;
  if (!named || underSearch(info)) return null;
  if (!facts?.childIds.includes(named)) return null;
  return (await breakGlass(ctx, named)) === 'USED' ? 'BREAK_GLASS' : null;
}

/**
 * Socialcare's own decision on a child-level record of one child for the request's reader, with
 * the daily allowance's refusal named when that is what stopped a break-glass.
 */
export async function decideForChild(
  ctx: SocialcareContext,
  childId: string,
  info?: GraphQLResolveInfo,
): Promise<AccessDecision> {
  const found = await findForChild(ctx, childId, info);
  const decision = decideChildRecord(ctx.principal, 'SOCIALCARE', found.basis);
  if (!decision.allowed && found.breakGlass === 'ALLOWANCE_EXCEEDED') {
    return refuse(
      AccessCode.BREAK_GLASS_ALLOWANCE_EXCEEDED,
      `You have broken glass for ${ctx.breakGlassDailyAllowance} children today, your daily allowance; ` +
        'this one is refused and your manager is told',
    );
  }
  return decision;
}

/**
 * The relationship grant for a partner (shared/grants.ts): signed by socialcare's own key, for
 * this reader, this request and this subject, stating the basis (null: none). Null when this
 * server signs no grants (a test's).
 */
export async function relationshipGrant(
  ctx: SocialcareContext,
  subject: GrantSubject,
  basis: Promise<RelationshipBasis | null>,
): Promise<string | null> {
  if (!ctx.grantBatch) return null;
  return ctx.grantBatch.issue(subject, await basis);
}
