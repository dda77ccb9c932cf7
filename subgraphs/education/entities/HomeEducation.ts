import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A period of elective home education, keyed by pupil and start date (the world gives no id). */
@Entity({ name: 'home_education' })
export class HomeEducation {
  @PrimaryColumn({ name: 'pupil_id', type: 'text' })
  pupilId: string;

  @PrimaryColumn({ name: 'start_date', type: 'date' })
  startDate: string;

  /** Null while the child is still home educated. */
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;
}
