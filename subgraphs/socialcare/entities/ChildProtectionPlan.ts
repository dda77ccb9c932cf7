import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A child protection plan, from the initial conference to the conference that ended it. When it
 * names the assessment that led to it, that assessment is of the same child (the database holds
 * both).
 */
@Entity({ name: 'child_protection_plans' })
export class ChildProtectionPlan {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'child_id', type: 'text' })
  childId: string;

  /** The section 47 assessment it followed; null when unknown (a plan transferred in, say). */
  @Column({ name: 'assessment_id', type: 'text', nullable: true })
  assessmentId: string | null;

  /** Local date of the initial conference. */
  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  /** Local date it ended; null while active. */
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  /** EMOTIONAL, NEGLECT, PHYSICAL, SEXUAL or MULTIPLE. */
  @Column({ name: 'category', type: 'text' })
  category: string;
}
