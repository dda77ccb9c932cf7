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

/** What the local authority knows about a child that makes a disclosure legitimate. */
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
export const BREAK_GLASS_MIN_LENGTH = 10;

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
 * - Then a legitimate relationship is needed: the child has an open MASH contact, or the user's
 *   team holds the case; otherwise a break-glass reason given with the request, which is recorded
 *   and flagged for the user's manager; otherwise FORBIDDEN_NO_RELATIONSHIP.
 */
export function decideChildRecord(
  principal: Principal,
  owner: Agency,
  relationship: Relationship,
): AccessDecision {
  const { role, agency, team } = principal.user;
  if (role === 'ANALYST' || role === 'ADMIN') {
    return refuse(
      AccessCode.FORBIDDEN_ROLE,
      `Your role (${role}) sees no child-level records; analysts use the aggregate measures`,
    );
  }
  if (role === 'AGENCY_PRACTITIONER' && agency !== owner) {
    return refuse(
      AccessCode.FORBIDDEN_ROLE,
      `${owner} discloses its records about a child to the MASH, not to ${agency} practitioners outside it`,
    );
  }
  if (relationship.hasOpenContact) return { allowed: true, basis: 'OPEN_CONTACT' };
  if (team !== null && relationship.caseTeam === team) return { allowed: true, basis: 'CASE_TEAM' };
  if (principal.breakGlassReason) return { allowed: true, basis: 'BREAK_GLASS' };
  return refuse(
    AccessCode.FORBIDDEN_NO_RELATIONSHIP,
    `${owner} withholds this: the child has no open MASH contact and your team does not hold the case. ` +
      'Give a break-glass reason (header X-Break-Glass-Reason) if you must see it; it is recorded and reviewed by your manager',
  );
}

/** The GraphQL error for a refusal: null in the data, this error beside it. */
export function accessError(decision: AccessDecision & { allowed: false }): GraphQLError {
  return new GraphQLError(decision.message, { extensions: { code: decision.code } });
}
