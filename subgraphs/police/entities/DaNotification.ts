import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A domestic abuse notification: the DA-specific record police keep for one DOMESTIC_ABUSE
 * occurrence (the DASH assessment). Who was victim, perpetrator or child present is in
 * `occurrence_persons`.
 */
@Entity({ name: 'da_notifications' })
export class DaNotification {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  /** The occurrence it belongs to; one notification per occurrence. */
  @Column({ name: 'occurrence_id', type: 'text' })
  occurrenceId: string;

  /** When the DASH assessment was completed (at or after the occurrence). */
  @Column({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt: Date;

  /** DASH risk: STANDARD, MEDIUM or HIGH. */
  @Column({ name: 'dash_risk', type: 'text' })
  dashRisk: string;

  @Column({ name: 'children_present', type: 'boolean' })
  childrenPresent: boolean;

  /** Incidents between the same victim and perpetrator police knew of before this one. */
  @Column({ name: 'previous_incidents', type: 'integer' })
  previousIncidents: number;
}
