import { Adult } from './Adult';
import { Assessment } from './Assessment';
import { Child } from './Child';
import { ChildProtectionPlan } from './ChildProtectionPlan';
import { ChildProtectionVisit } from './ChildProtectionVisit';
import { Contact } from './Contact';
import { ContactChild } from './ContactChild';
import { ContactRating } from './ContactRating';
import { ContactSubmission } from './ContactSubmission';
import { DecisionView } from './DecisionView';
import { EarlyHelpEpisode } from './EarlyHelpEpisode';
import { Household } from './Household';
import { MatchDecision } from './MatchDecision';
import { PartnerCheck } from './PartnerCheck';
import { Referral } from './Referral';

export {
  Adult,
  Assessment,
  Child,
  ChildProtectionPlan,
  ChildProtectionVisit,
  Contact,
  ContactChild,
  ContactRating,
  ContactSubmission,
  DecisionView,
  EarlyHelpEpisode,
  Household,
  MatchDecision,
  PartnerCheck,
  Referral,
};

/** Every socialcare entity, for the data source. */
export const entities = [
  Adult,
  Assessment,
  Child,
  ChildProtectionPlan,
  ChildProtectionVisit,
  Contact,
  ContactChild,
  ContactRating,
  ContactSubmission,
  DecisionView,
  EarlyHelpEpisode,
  Household,
  MatchDecision,
  PartnerCheck,
  Referral,
];
