import { refuse, type AccessDecision } from '../../shared/access';
import type { Principal } from '../../shared/auth';

/** Health's own refusal codes, beside every agency's (shared/access.ts `AccessCode`). */
export const HealthAccessCode = {
  /** A sensitive health category, summarised for anyone outside health. */
  WITHHELD_SENSITIVE_HEALTH: 'WITHHELD_SENSITIVE_HEALTH',
} as const;

/** The summary a non-health user sees in place of a sensitive health record. */
export const SENSITIVE_HEALTH_SUMMARY =
  'Health holds sensitive information; ask the health MASH practitioner';

/** May this user see the detail of a sensitive health record? Health staff only. */
export function decideSensitiveHealth(principal: Principal): AccessDecision {
  if (principal.user.agency === 'HEALTH') return { allowed: true, basis: 'OWN_AGENCY' };
  return refuse(HealthAccessCode.WITHHELD_SENSITIVE_HEALTH, SENSITIVE_HEALTH_SUMMARY);
}
