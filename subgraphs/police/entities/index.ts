import { Occurrence } from './Occurrence';
import { OccurrencePerson } from './OccurrencePerson';
import { Person } from './Person';

export { Occurrence, OccurrencePerson, Person };

/** Every police entity, for the data source. */
export const entities = [Occurrence, OccurrencePerson, Person];
