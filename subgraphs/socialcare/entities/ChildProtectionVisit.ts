import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A statutory visit to a child on a child protection plan. */
@Entity({ name: 'child_protection_visits' })
export class ChildProtectionVisit {
  @PrimaryColumn({ name: 'id', type: 'bigint' })
  id: string;

  @Column({ name: 'plan_id', type: 'text' })
  planId: string;

  @Column({ name: 'visited_at', type: 'timestamptz' })
  visitedAt: Date;

  /** The social worker who saw the child. */
  @Column({ name: 'visited_by', type: 'text' })
  visitedBy: string;
}
