import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A parent's own health recorded as bearing on the children; every kind is sensitive. */
@Entity({ name: 'parental_concerns' })
export class ParentalConcern {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  /** The adult's own patient record. */
  @Column({ name: 'patient_id', type: 'text' })
  patientId: string;

  /** MENTAL_HEALTH, SUBSTANCE_MISUSE or ALCOHOL_MISUSE. */
  @Column({ name: 'kind', type: 'text' })
  kind: string;

  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn: string;

  @Column({ name: 'note', type: 'text' })
  note: string;
}
