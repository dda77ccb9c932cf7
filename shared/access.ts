import { GraphQLError } from 'graphql';
import type { Agency, Principal, Role } from './auth';

/**
 * Why something was not disclosed; sent in `extensions.code` beside a null, so a practitioner
 * knows that something exists and what would open it. These are every agency's; an agency's own
 * rules add their own codes (police's WITHHELD_HANDLING_CODE, health's WITHHELD_SENSITIVE_HEALTH).
 */
export const AccessCode = {
  /** No open MASH contact, the user's team does not hold the case, and no break-glass reason. */
  FORBIDDEN_NO_RELATIONSHIP: 'FORBIDDEN_NO_RELATIONSHIP',
  /** The user's role never sees this (analysts and admins see no child-level records). */
  FORBIDDEN_ROLE: 'FORBIDDEN_ROLE',
  /**
   * A partner was sent no relationship grant, or one it cannot trust: not signed by the local
   * authority's key, expired, or issued for another child, user or request.
   */
  FORBIDDEN_INVALID_GRANT: 'FORBIDDEN_INVALID_GRANT',
  /** The user has broken glass for as many children today as their daily allowance allows. */
  BREAK_GLASS_ALLOWANCE_EXCEEDED: 'BREAK_GLASS_ALLOWANCE_EXCEEDED',
  /**
   * A partner's section of a `Child` asked for someone 18 or over by the date of birth sent: an
   * adult's records are disclosed only as a household adult's (shared/partner/section.ts).
   */
  FORBIDDEN_NOT_A_CHILD: 'FORBIDDEN_NOT_A_CHILD',
} as const;
export type AccessCodeValue = (typeof AccessCode)[keyof typeof AccessCode];

/** On what ground a disclosure was made; recorded in the audit row. */
export type AccessBasis =
  | 'OPEN_CONTACT'
  | 'CASE_TEAM'
  | 'BREAK_GLASS'
  | 'IDENTIFICATION'
  | 'OWN_AGENCY'
  | 'CONDITIONS_MET'
  | 'AGGREGATE';

/** The outcome of an access rule: disclose on a basis, or refuse with a code and a message. */
export type AccessDecision =
  { allowed: true; basis: AccessBasis } | { allowed: false; code: string; message: string };

/** The grounds on which a child-level record may be disclosed to a MASH user. */
export type RelationshipBasis = 'OPEN_CONTACT' | 'CASE_TEAM' | 'BREAK_GLASS';

/**
 * What the local authority knows about a child that makes a disclosure legitimate. Only the local
 * authority reads these facts; the partners are told the basis they make, in a signed relationship
 * grant (shared/grants.ts), never the facts themselves.
 */
export interface Relationship {
  /** The child is on a MASH contact that has no threshold decision yet. */
  hasOpenContact: boolean;
  /** The team holding the child's case: the team of the contact behind its latest referral. */
  caseTeam: string | null;
}

/**
 * The lawful basis recorded with every disclosure (../shared/DOMAIN.md, information sharing):
 * public task, with the DPA 2018 safeguarding condition for special category data.
 */
export const LAWFUL_BASIS =
  'UK GDPR Art 6(1)(e) public task; DPA 2018 Sch 1 para 18 safeguarding of children';

/** Shortest break-glass reason accepted: a reason a manager can review, not "x". */
export const BREAK_GLASS_MIN_LENGTH = 20;
/** Longest break-glass reason accepted. */
export const BREAK_GLASS_MAX_LENGTH = 500;
/** Fewest different letters or digits a break-glass reason is written with. */
const BREAK_GLASS_MIN_DISTINCT = 6;

/**
 * Why a break-glass reason is not a reason a manager can review, or null when it is: at least
 * `BREAK_GLASS_MIN_LENGTH` characters, not one short piece repeated ("aaaa...", "abcabc..."), and
 * written with at least six different letters or digits.
 */
export function breakGlassReasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text.length < BREAK_GLASS_MIN_LENGTH || text.length > BREAK_GLASS_MAX_LENGTH) {
    return `must be ${BREAK_GLASS_MIN_LENGTH} to ${BREAK_GLASS_MAX_LENGTH} characters: say why you need to see this child's records`;
  }
  const squeezed = text.toLowerCase().replace(/[\s\p{P}]+/gu, '');
  const distinct = new Set(squeezed.match(/[\p{L}\p{N}]/gu) ?? []);
  if (/^(.{1,12}?)\1+$/su.test(squeezed) || distinct.size < BREAK_GLASS_MIN_DISTINCT) {
    return "must say why you need to see this child's records, not repeat characters";
  }
  return null;
}

const MASH_ROLES: ReadonlySet<Role> = new Set(['MASH_PRACTITIONER', 'MASH_MANAGER']);

/** True for the roles that work inside the MASH and may see every agency's records. */
export function isMashRole(role: Role): boolean {
  return MASH_ROLES.has(role);
}

/** A refusal with its code and the message that tells the reader what would open it. */
export function refuse(code: string, message: string): AccessDecision {
  return { allowed: false, code, message };
}

/**
 * May this user see the child-level records `owner` holds about a child (the local authority's
 * household, contacts and referrals, or a partner agency's section)?
 * - Analysts and admins: never (FORBIDDEN_ROLE).
 * - Practitioners outside the MASH: only their own agency's records.
 * - Early help practitioners: never (they see their provider's episodes, socialcare's earlyhelp/).
 * - Then a legitimate relationship is needed, as the local authority found it (`basis`: the child
 *   has an open MASH contact, the user's team holds the case, or the user broke glass for this
 *   child, which is recorded and flagged for their manager); otherwise FORBIDDEN_NO_RELATIONSHIP.
 */
export function decideChildRecord(
  principal: Principal,
  owner: Agency,
  basis: RelationshipBasis | null,
): AccessDecision {
  const refusal = refuseByRole(principal, owner);
  if (refusal) return refusal;
  if (basis !== null) return { allowed: true, basis };
  return refuse(
    AccessCode.FORBIDDEN_NO_RELATIONSHIP,
    `${owner} withholds this: the child has no open MASH contact and your team does not hold the case. ` +
      'Break glass for this child (headers X-Break-Glass-Child and X-Break-Glass-Reason) if you must see it; it is recorded and reviewed by your manager',
  );
}

/**
 * The part of `decideChildRecord` that turns on the role alone, whatever the relationship: the
 * refusal, or null when the role may see `owner`'s child-level records given a relationship.
 */
export function refuseByRole(principal: Principal, owner: Agency): AccessDecision | null {
  const { role, agency } = principal.user;
  if (role === 'ANALYST' || role === 'ADMIN') {
    return refuse(
      AccessCode.FORBIDDEN_ROLE,
      `Your role (${role}) sees no child-level records; analysts use the aggregate measures`,
    );
  }
  if (role === 'EARLY_HELP_PRACTITIONER') {
    return refuse(
      AccessCode.FORBIDDEN_ROLE,
      `Early help practitioners see their own families' early help episodes, not ${owner}'s records about a child; ask the MASH`,
    );
  }
  if (role === 'AGENCY_PRACTITIONER' && agency !== owner) {
    return refuse(
      AccessCode.FORBIDDEN_ROLE,
      `${owner} discloses its records about a child to the MASH, not to ${agency} practitioners outside it`,
    );
  }
  return null;
}

/** The GraphQL error for a refusal: null in the data, this error beside it. */
export function accessError(decision: AccessDecision & { allowed: false }): GraphQLError {
  return new GraphQLError(decision.message, { extensions: { code: decision.code } });
}
