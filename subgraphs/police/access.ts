import { refuse, type AccessDecision } from '../../shared/access';
import type { Agency, Principal } from '../../shared/auth';

/** Police's own refusal codes, beside every agency's (shared/access.ts `AccessCode`). */
export const PoliceAccessCode = {
  /** Police intelligence handled under code C whose conditions are not recorded as met. */
  WITHHELD_HANDLING_CODE: 'WITHHELD_HANDLING_CODE',
} as const;

/**
 * May this user read a police intelligence item's content? Handling code P: yes. Handling code
 * C: police roles, or the agency police recorded the conditions as met for.
 */
export function decideIntelligence(
  principal: Principal,
  handlingCode: 'P' | 'C',
  clearedAgencies: readonly Agency[],
): AccessDecision {
  if (handlingCode === 'P') return { allowed: true, basis: 'OWN_AGENCY' };
  if (principal.user.agency === 'POLICE') return { allowed: true, basis: 'OWN_AGENCY' };
  if (clearedAgencies.includes(principal.user.agency)) {
    return { allowed: true, basis: 'CONDITIONS_MET' };
  }
  return refuse(
    PoliceAccessCode.WITHHELD_HANDLING_CODE,
    'Police hold intelligence on this child under handling code C; its conditions are not recorded as met for your agency. Ask the police MASH practitioner',
  );
}
