import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A practitioner's decision that a partner agency's record is, or is not, a child. Rows are never
 * changed except to mark them superseded by a later decision on the same record, so the history
 * stays; the current decisions are those not superseded.
 */
@Entity({ name: 'match_decisions' })
export class MatchDecision {
  @PrimaryColumn({ name: 'id', type: 'bigint' })
  id: string;

  @Column({ name: 'child_id', type: 'text' })
  childId: string;

  /** POLICE, HEALTH or EDUCATION. */
  @Column({ name: 'agency', type: 'text' })
  agency: string;

  /** The agency's own reference for its record. */
  @Column({ name: 'agency_reference', type: 'text' })
  agencyReference: string;

  /** CONFIRMED or REJECTED. */
  @Column({ name: 'decision', type: 'text' })
  decision: string;

  @Column({ name: 'reason', type: 'text' })
  reason: string;

  /** The deciding user's id. */
  @Column({ name: 'decided_by', type: 'text' })
  decidedBy: string;

  @Column({ name: 'decided_by_agency', type: 'text' })
  decidedByAgency: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  /** When a later decision on the same record replaced this one; null while current. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
