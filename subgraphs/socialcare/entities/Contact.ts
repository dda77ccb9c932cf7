import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A contact: a concern about one or more children received by the MASH. */
@Entity({ name: 'contacts' })
export class Contact {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** DfE contact source code, e.g. '6' police, '3E' A&E. */
  @Column({ name: 'source_code', type: 'text' })
  sourceCode: string;

  @Column({ name: 'referrer', type: 'text' })
  referrer: string;

  @Column({ name: 'concern', type: 'text' })
  concern: string;

  /** RED, AMBER, GREEN or BLUE; null until screened. */
  @Column({ name: 'rag', type: 'text', nullable: true })
  rag: string | null;

  @Column({ name: 'screened_at', type: 'timestamptz', nullable: true })
  screenedAt: Date | null;

  @Column({ name: 'team', type: 'text' })
  team: string;

  /** Bumped by every change; a change made against an older version is refused (VERSION_CONFLICT). */
  @Column({ name: 'version', type: 'integer' })
  version: number;

  /** RECEIVED, SCREENED, CHECKS_REQUESTED, CHECKS_ANSWERED or DECIDED (closed). */
  @Column({ name: 'stage', type: 'text' })
  stage: string;

  /** When the contact was typed in (receivedAt may be earlier). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** Who typed it in; null for contacts recorded before authors were kept. */
  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy: string | null;

  /** The current rating's reason. */
  @Column({ name: 'rag_reason', type: 'text', nullable: true })
  ragReason: string | null;

  /**
   * When the current rating's clock started: the instant the contact was first given the rating
   * it has now (a re-rating to the same RAG does not restart it).
   */
  @Column({ name: 'rated_since', type: 'timestamptz', nullable: true })
  ratedSince: Date | null;

  /** Who screened it first. */
  @Column({ name: 'screened_by', type: 'text', nullable: true })
  screenedBy: string | null;

  /**
   * The RAG response clock: started when the current rating was given, due by its target, stopped
   * once every check asked was answered or at the decision. Due and start move with a re-rating
   * only while it runs; once stopped, all three stay. Null before screening, for a rating without
   * a target, and for contacts recorded before the clock was kept.
   */
  @Column({ name: 'rag_started_at', type: 'timestamptz', nullable: true })
  ragStartedAt: Date | null;

  @Column({ name: 'rag_due_at', type: 'timestamptz', nullable: true })
  ragDueAt: Date | null;

  @Column({ name: 'rag_stopped_at', type: 'timestamptz', nullable: true })
  ragStoppedAt: Date | null;

  /** The statutory one-working-day decision due instant (../clocks.ts), fixed at receipt. */
  @Column({ name: 'decision_due_working_day_at', type: 'timestamptz' })
  decisionDueWorkingDayAt: Date;

  /** When the last child on the contact was decided; null while open. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
