import { Entity, PrimaryColumn } from 'typeorm';

/** A person's part in an occurrence: victim, perpetrator, witness, child present, ... */
@Entity({ name: 'occurrence_persons' })
export class OccurrencePerson {
  @PrimaryColumn({ name: 'occurrence_id', type: 'text' })
  occurrenceId: string;

  @PrimaryColumn({ name: 'person_id', type: 'text' })
  personId: string;

  @PrimaryColumn({ name: 'role', type: 'text' })
  role: string;
}
