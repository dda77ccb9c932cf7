// The codes the screens offer, as socialcare's schema defines them (tests/unit/codes.unit.test.ts
// checks them against the SDL). No browser code: the server's tests read this file too.
import { PARTNER_AGENCIES } from './agencies';

export const RAGS = ['RED', 'AMBER', 'GREEN', 'BLUE'] as const;

export const STAGES = [
  'RECEIVED',
  'SCREENED',
  'CHECKS_REQUESTED',
  'CHECKS_ANSWERED',
  'DECIDED',
] as const;

const STAGE_NAMES: Record<string, string> = {
  RECEIVED: 'Received',
  SCREENED: 'Screened',
  CHECKS_REQUESTED: 'Checks requested',
  CHECKS_ANSWERED: 'Checks answered',
  DECIDED: 'Decided',
};
export const stageName = (stage: string) => STAGE_NAMES[stage] ?? stage;

export const OUTCOMES: Record<string, string> = {
  NO_FURTHER_ACTION: 'No further action',
  ADVICE_AND_SIGNPOST: 'Advice and signposting',
  STEP_DOWN_TO_EARLY_HELP: 'Step down to early help',
  ASSESSMENT_REQUIRED: 'Referral: assessment required (s17)',
  STRATEGY_DISCUSSION: 'Strategy discussion / s47 enquiry',
  OTHER: 'Other',
};

export const CONSENT: Record<string, string> = {
  GIVEN: 'Consent given',
  NOT_SOUGHT: 'Consent not sought',
  REFUSED: 'Consent refused',
};

export const CHECK_OUTCOMES: Record<string, string> = {
  INFORMATION_SHARED: 'Information shared (in our section of the child)',
  NO_RECORD: 'No record of the child or household',
  NOTHING_OF_CONCERN: 'Records held, nothing of concern',
};

/** The partner agencies' codes, from the registry. */
export const PARTNERS: readonly string[] = PARTNER_AGENCIES.map((a) => a.code);

/** The family's answer to the offer of early help (EarlyHelpResponse). */
export const EARLY_HELP_RESPONSES: Record<string, string> = {
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
};

/** Why an early help episode closed (EarlyHelpClosureReason). */
export const CLOSURE_REASONS: Record<string, string> = {
  NEEDS_MET: 'Needs met',
  FAMILY_DECLINED: 'Family declined',
  NO_ENGAGEMENT: 'No engagement',
  STEPPED_UP: 'Stepped up to the MASH',
  MOVED_AWAY: 'Moved away',
  OTHER: 'Other',
};
