import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An intelligence item about a person in the police person index, graded 3x5x2. A C-coded item
 * carries the conditions any disclosure must meet; the table enforces that it has them.
 */
@Entity({ name: 'intelligence_items' })
export class IntelligenceItem {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'person_id', type: 'text' })
  personId: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** Source evaluation: 1 reliable, 2 untested, 3 not reliable. */
  @Column({ name: 'source_grade', type: 'smallint' })
  sourceGrade: number;

  /** Information assessment, 'A' (known directly to the source) to 'E' (suspected false). */
  @Column({ name: 'information_grade', type: 'text' })
  informationGrade: string;

  /** 'P': may be shared; 'C': may be shared only under `handlingConditions`. */
  @Column({ name: 'handling_code', type: 'text' })
  handlingCode: string;

  /** Set whenever the handling code is C; null for P. */
  @Column({ name: 'handling_conditions', type: 'text', nullable: true })
  handlingConditions: string | null;

  @Column({ name: 'content', type: 'text' })
  content: string;
}
