import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A pupil's time on a school's roll; `endDate` is null while on roll. */
@Entity({ name: 'enrolments' })
export class Enrolment {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'pupil_id', type: 'text' })
  pupilId: string;

  @Column({ name: 'school_urn', type: 'text' })
  schoolUrn: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;
}
