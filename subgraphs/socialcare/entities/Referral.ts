import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A referral to children's social care created by a threshold decision. */
@Entity({ name: 'referrals' })
export class Referral {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'contact_id', type: 'text' })
  contactId: string;

  @Column({ name: 'child_id', type: 'text' })
  childId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the receiving team accepted it; null until then. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** The decision-maker whose decision created it. */
  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy: string | null;

  /** The receiving team's user who accepted it. */
  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: string | null;

  /** The registered socialcare team the referral was allocated to when accepted; null: not recorded. */
  @Column({ name: 'allocated_team', type: 'text', nullable: true })
  allocatedTeam?: string | null;

  /** The worker (a name) it was allocated to; null: not recorded. */
  @Column({ name: 'allocated_worker', type: 'text', nullable: true })
  allocatedWorker?: string | null;
}
