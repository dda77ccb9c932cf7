import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One view of a child its decision-maker had between the contact's receipt and the threshold
 * decision: the request id keys the disclosures each agency recorded in its own audit log.
 */
@Entity({ name: 'decision_views' })
export class DecisionView {
  @PrimaryColumn({ name: 'contact_id', type: 'text' })
  contactId: string;

  @PrimaryColumn({ name: 'child_id', type: 'text' })
  childId: string;

  @PrimaryColumn({ name: 'request_id', type: 'text' })
  requestId: string;

  @Column({ name: 'viewed_at', type: 'timestamptz' })
  viewedAt: Date;
}
