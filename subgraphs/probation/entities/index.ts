import { Condition } from './Condition';
import { KnownChild } from './KnownChild';
import { KnownChildLink } from './KnownChildLink';
import { Offence } from './Offence';
import { Offender } from './Offender';
import { RiskAssessment } from './RiskAssessment';

export { Condition, KnownChild, KnownChildLink, Offence, Offender, RiskAssessment };

/** Every probation entity, for the data source. */
export const entities = [Condition, KnownChild, KnownChildLink, Offence, Offender, RiskAssessment];
