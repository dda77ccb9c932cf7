/** The words every part of a generated borough shares. */
import type { RagRating } from '../../../subgraphs/socialcare/clocks';

export type Sex = 'MALE' | 'FEMALE' | 'UNKNOWN';

/** The RAG rating given at screening: socialcare's one list (subgraphs/socialcare/clocks.ts). */
export type Rag = RagRating;

/** DfE referral-outcome wording, as SCREAMING_SNAKE codes. */
export type ContactOutcome =
  | 'NO_FURTHER_ACTION'
  | 'ADVICE_AND_SIGNPOST'
  | 'STEP_DOWN_TO_EARLY_HELP'
  | 'ASSESSMENT_REQUIRED'
  | 'STRATEGY_DISCUSSION'
  | 'OTHER';
