import { Adult } from './Adult';
import { Child } from './Child';
import { Contact } from './Contact';
import { ContactChild } from './ContactChild';
import { Household } from './Household';
import { MatchDecision } from './MatchDecision';
import { Referral } from './Referral';

export { Adult, Child, Contact, ContactChild, Household, MatchDecision, Referral };

/** Every socialcare entity, for the data source. */
export const entities = [Adult, Child, Contact, ContactChild, Household, MatchDecision, Referral];
