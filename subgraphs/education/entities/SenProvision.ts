import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A period of special educational needs provision. The world gives it no id: a pupil starts a
 * given provision at most once on a given day, so that is the key.
 */
@Entity({ name: 'sen_provisions' })
export class SenProvision {
  @PrimaryColumn({ name: 'pupil_id', type: 'text' })
  pupilId: string;

  /** SEN_SUPPORT or EHC_PLAN. */
  @PrimaryColumn({ name: 'provision', type: 'text' })
  provision: string;

  @PrimaryColumn({ name: 'start_date', type: 'date' })
  startDate: string;

  /** DfE primary type of need, e.g. SEMH; described by `PRIMARY_NEEDS` (../codes.ts). */
  @Column({ name: 'primary_need', type: 'text' })
  primaryNeed: string;

  /** Null while current. */
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;
}
