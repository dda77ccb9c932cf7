import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A coded safeguarding flag on a patient (CP-IS and local codes): CP_PLAN and LOOKED_AFTER are the
 * nationally shared child flags; SAFEGUARDING_CONCERN may be on a child or a family member.
 */
@Entity({ name: 'safeguarding_flags' })
export class SafeguardingFlag {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'patient_id', type: 'text' })
  patientId: string;

  /** CP_PLAN, LOOKED_AFTER or SAFEGUARDING_CONCERN. */
  @Column({ name: 'code', type: 'text' })
  code: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** Null while the flag is open-ended. */
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ name: 'note', type: 'text' })
  note: string;
}
