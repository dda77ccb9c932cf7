import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A child missing education: reported as on no school roll and not home educated. */
@Entity({ name: 'missing_education' })
export class MissingEducation {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'pupil_id', type: 'text' })
  pupilId: string;

  @Column({ name: 'reported_on', type: 'date' })
  reportedOn: string;

  /** Null while the child is still missing education. */
  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  resolvedOn: string | null;

  /** e.g. 'Removed from roll after 20 days unexplained absence'. */
  @Column({ name: 'reason', type: 'text' })
  reason: string;
}
