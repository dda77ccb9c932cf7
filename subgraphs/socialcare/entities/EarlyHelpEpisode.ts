import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the family said to the offer of early help. */
export type EarlyHelpResponse = 'ACCEPTED' | 'DECLINED';
/** Why an early help episode closed. */
export type EarlyHelpClosureReason =
  'NEEDS_MET' | 'FAMILY_DECLINED' | 'NO_ENGAGEMENT' | 'STEPPED_UP' | 'MOVED_AWAY' | 'OTHER';

/**
 * Early help for one child after a `STEP_DOWN_TO_EARLY_HELP` decision (the contact and child of
 * that decision): offered to a registered provider, then the family's answer, the early help
 * assessment, the lead practitioner and the closure.
 */
@Entity({ name: 'early_help_episodes' })
export class EarlyHelpEpisode {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'contact_id', type: 'text' })
  contactId: string;

  @Column({ name: 'child_id', type: 'text' })
  childId: string;

  /** The step-down decision's instant. */
  @Column({ name: 'stepped_down_at', type: 'timestamptz' })
  steppedDownAt: Date;

  @Column({ name: 'provider_id', type: 'text' })
  providerId: string;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt: Date;

  @Column({ name: 'family_response', type: 'text', nullable: true })
  familyResponse: EarlyHelpResponse | null;

  /** The local date of the family's answer. */
  @Column({ name: 'responded_on', type: 'date', nullable: true })
  respondedOn: string | null;

  @Column({ name: 'assessment_started_on', type: 'date', nullable: true })
  assessmentStartedOn: string | null;

  @Column({ name: 'assessment_completed_on', type: 'date', nullable: true })
  assessmentCompletedOn: string | null;

  /** The organisation completing the early help assessment. */
  @Column({ name: 'assessment_organisation', type: 'text', nullable: true })
  assessmentOrganisation: string | null;

  @Column({ name: 'lead_practitioner', type: 'text', nullable: true })
  leadPractitioner: string | null;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason: EarlyHelpClosureReason | null;

  /** The contact a step-up back to the MASH made. */
  @Column({ name: 'step_up_contact_id', type: 'text', nullable: true })
  stepUpContactId: string | null;

  @Column({ name: 'version', type: 'integer' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
