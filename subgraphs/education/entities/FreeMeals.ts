import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A period of eligibility for free school meals, keyed by pupil and start date. */
@Entity({ name: 'free_meals' })
export class FreeMeals {
  @PrimaryColumn({ name: 'pupil_id', type: 'text' })
  pupilId: string;

  @PrimaryColumn({ name: 'start_date', type: 'date' })
  startDate: string;

  /** Null while eligible. */
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;
}
