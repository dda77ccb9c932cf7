import { refuse, type AccessDecision } from '../../shared/access';
import type { Principal } from '../../shared/auth';

/** Probation's own refusal codes, beside every agency's (shared/access.ts `AccessCode`). */
export const ProbationAccessCode = {
  /** MAPPA category and level, shared only with the MAPPA responsible authority's MASH staff. */
  WITHHELD_MAPPA: 'WITHHELD_MAPPA',
} as const;

// Police and probation (with prisons) are MAPPA's responsible authority: its records are theirs.
const MAPPA_AGENCIES: ReadonlySet<string> = new Set(['POLICE', 'PROBATION']);

/**
 * May this user read a person's MAPPA category, level and review date? Police and probation
 * staff, who manage MAPPA together, may; anyone else is told only that the person is managed
 * under MAPPA (the section's summary) and gets WITHHELD_MAPPA. Called only once the section
 * itself was disclosed (a MASH role, or probation's own practitioner).
 */
export function decideMappa(principal: Principal): AccessDecision {
  if (MAPPA_AGENCIES.has(principal.user.agency)) return { allowed: true, basis: 'OWN_AGENCY' };
  return refuse(
    ProbationAccessCode.WITHHELD_MAPPA,
    'Probation shares MAPPA category and level with the MASH police and probation staff only; ask the probation MASH officer',
  );
}
