import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A child and family assessment following a referral: at most one per referral, of the referral's
 * own child (the database holds both). In progress until a manager authorises it with an outcome.
 */
@Entity({ name: 'assessments' })
export class Assessment {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'referral_id', type: 'text' })
  referralId: string;

  @Column({ name: 'child_id', type: 'text' })
  childId: string;

  /** The referral's completion or later. */
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** Null while in progress; never before startedAt. */
  @Column({ name: 'authorised_at', type: 'timestamptz', nullable: true })
  authorisedAt: Date | null;

  /**
   * NO_FURTHER_ACTION, CHILD_IN_NEED_PLAN, SECTION_47, STEP_DOWN_TO_EARLY_HELP or OTHER; set
   * exactly when authorisedAt is.
   */
  @Column({ name: 'outcome', type: 'text', nullable: true })
  outcome: string | null;

  /** The authorising manager; null while in progress, or when the author is not known. */
  @Column({ name: 'authorised_by', type: 'text', nullable: true })
  authorisedBy: string | null;

  /** The team the assessment was allocated to; null: not recorded (the referral's is used). */
  @Column({ name: 'allocated_team', type: 'text', nullable: true })
  allocatedTeam?: string | null;

  /** The worker (a name) doing the assessment; null: not recorded (the referral's is used). */
  @Column({ name: 'allocated_worker', type: 'text', nullable: true })
  allocatedWorker?: string | null;

  /** Whether the child was seen during the assessment; null: not recorded. */
  @Column({ name: 'child_seen', type: 'boolean', nullable: true })
  childSeen?: boolean | null;
}
