import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A suspension (fixed period) or permanent exclusion from a school, with its DfE reason code. */
@Entity({ name: 'exclusions' })
export class Exclusion {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'pupil_id', type: 'text' })
  pupilId: string;

  @Column({ name: 'school_urn', type: 'text' })
  schoolUrn: string;

  /** SUSPENSION or PERMANENT_EXCLUSION. */
  @Column({ name: 'kind', type: 'text' })
  kind: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  /** Sessions (half days) lost; for a permanent exclusion, those before it took effect. */
  @Column({ name: 'sessions', type: 'integer' })
  sessions: number;

  /** DfE reason code, e.g. PA; described by `EXCLUSION_REASONS` (../codes.ts). */
  @Column({ name: 'reason_code', type: 'text' })
  reasonCode: string;
}
