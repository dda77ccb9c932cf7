import { IntelligenceClearance } from './IntelligenceClearance';
import { IntelligenceItem } from './IntelligenceItem';
import { Occurrence } from './Occurrence';
import { OccurrencePerson } from './OccurrencePerson';
import { Person } from './Person';

export { IntelligenceClearance, IntelligenceItem, Occurrence, OccurrencePerson, Person };

/** Every police entity, for the data source. */
export const entities = [
  IntelligenceClearance,
  IntelligenceItem,
  Occurrence,
  OccurrencePerson,
  Person,
];
