/**
 * Who sees and works early help episodes. An early help practitioner's team is their provider
 * (shared/agencies.json registers each provider as a socialcare team with the provider's id): they
 * see and work that provider's episodes and who their children are, never the MASH's child-level
 * records (shared/access.ts refuses them those). Socialcare's MASH practitioners see every episode
 * (they made the step-down); its MASH managers see and work every one. Nobody else sees any: an
 * analyst reads the measures, not the rows.
 */
import { AccessCode, refuse, type AccessDecision } from '../../../shared/access';
import { LEAD_AGENCY, teamOf } from '../../../shared/agencies';
import type { Principal } from '../../../shared/auth';

/** The provider id an early help practitioner works for (their team's id), or null. */
export function providerOf(principal: Principal): string | null {
  const { role, agency, team } = principal.user;
  if (role !== 'EARLY_HELP_PRACTITIONER' || agency !== LEAD_AGENCY.code || !team) return null;
  return teamOf(agency, team)?.id ?? null;
}

/** True for socialcare's MASH managers, who see and work every provider's episodes. */
function isSocialcareManager(principal: Principal): boolean {
  return principal.user.agency === LEAD_AGENCY.code && principal.user.role === 'MASH_MANAGER';
}

/** True for socialcare's MASH practitioners and managers, who see every provider's episodes. */
function isSocialcareMash(principal: Principal): boolean {
  return (
    principal.user.agency === LEAD_AGENCY.code &&
    ['MASH_PRACTITIONER', 'MASH_MANAGER'].includes(principal.user.role)
  );
}

/**
 * May this user read the episodes of `providerId` (null: of every provider, as a list without a
 * provider filter asks)? Their own provider's for an early help practitioner (basis CASE_TEAM: the
 * provider holds the early help case); every one for socialcare's MASH roles (OWN_AGENCY).
 */
export function decideReadEpisodes(
  principal: Principal,
  providerId: string | null,
): AccessDecision {
  const own = providerOf(principal);
  if (own !== null) {
    if (providerId === own) return { allowed: true, basis: 'CASE_TEAM' };
    return refuse(
      AccessCode.FORBIDDEN_ROLE,
      `You work for early help provider ${own}: you see its episodes only`,
    );
  }
  if (isSocialcareMash(principal)) return { allowed: true, basis: 'OWN_AGENCY' };
  return refuse(
    AccessCode.FORBIDDEN_ROLE,
    `Your role (${principal.user.role} of ${principal.user.agency}) does not see early help episodes; early help practitioners see their own provider's, socialcare's MASH all of them`,
  );
}

/**
 * May this user change an episode offered to `providerId`? Its provider's early help
 * practitioners, and socialcare's MASH managers.
 */
export function decideWorkEpisode(principal: Principal, providerId: string): AccessDecision {
  if (providerOf(principal) === providerId) return { allowed: true, basis: 'CASE_TEAM' };
  if (isSocialcareManager(principal)) return { allowed: true, basis: 'OWN_AGENCY' };
  return refuse(
    AccessCode.FORBIDDEN_ROLE,
    `Only early help practitioners of ${providerId} and socialcare's MASH managers record on this episode`,
  );
}

/** May this user work any episode at all? Checked before any input is read. */
export function mayWorkEpisodes(principal: Principal): boolean {
  return providerOf(principal) !== null || isSocialcareManager(principal);
}
