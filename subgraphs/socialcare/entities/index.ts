import { Adult } from './Adult';
import { Child } from './Child';
import { Contact } from './Contact';
import { ContactChild } from './ContactChild';
import { ContactRating } from './ContactRating';
import { ContactSubmission } from './ContactSubmission';
import { DecisionView } from './DecisionView';
import { Household } from './Household';
import { MatchDecision } from './MatchDecision';
import { PartnerCheck } from './PartnerCheck';
import { Referral } from './Referral';

export {
  Adult,
  Child,
  Contact,
  ContactChild,
  ContactRating,
  ContactSubmission,
  DecisionView,
  Household,
  MatchDecision,
  PartnerCheck,
  Referral,
};

/** Every socialcare entity, for the data source. */
export const entities = [
  Adult,
  Child,
  Contact,
  ContactChild,
  ContactRating,
  ContactSubmission,
  DecisionView,
  Household,
  MatchDecision,
  PartnerCheck,
  Referral,
];
