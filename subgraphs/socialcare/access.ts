import { AccessCode, isMashRole, refuse, type AccessDecision } from '../../shared/access';
import type { Principal, Role } from '../../shared/auth';

/**
 * May this user identify children in the local authority's index (names, date of birth, sex,
 * postcode, identifiers), as a search or the head of a child's record? MASH roles of every agency
 * and the local authority's own practitioners may; analysts, admins and partner agencies' staff
 * outside the MASH may not.
 */
export function decideIdentification(principal: Principal): AccessDecision {
  const { role, agency } = principal.user;
  if (isMashRole(role)) return { allowed: true, basis: 'IDENTIFICATION' };
  if (role === 'AGENCY_PRACTITIONER' && agency === 'SOCIALCARE') {
    return { allowed: true, basis: 'IDENTIFICATION' };
  }
  return refuse(
    AccessCode.FORBIDDEN_ROLE,
    role === 'ANALYST'
      ? 'Analysts see aggregates and pseudonymised identifiers, not child-level records'
      : `Your role (${role} of ${agency}) may not look children up in the local authority's records; ask the MASH`,
  );
}

const AGGREGATE_ROLES: ReadonlySet<Role> = new Set(['ANALYST', 'MASH_MANAGER', 'ADMIN']);

/**
 * May this user read aggregate measures (counts, rates and times over many contacts; no child
 * named)? Analysts, MASH managers and admins may, of any agency; practitioners may not (they work
 * cases, not the service's performance).
 */
export function decideAggregates(principal: Principal): AccessDecision {
  const { role } = principal.user;
  if (AGGREGATE_ROLES.has(role)) return { allowed: true, basis: 'AGGREGATE' };
  return refuse(
    AccessCode.FORBIDDEN_ROLE,
    `Your role (${role}) does not read the service's measures; they are for analysts, MASH managers and admins`,
  );
}
