import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A referral of a high-risk domestic abuse victim to a multi-agency risk assessment conference. */
@Entity({ name: 'marac_referrals' })
export class MaracReferral {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  /** The victim referred. */
  @Column({ name: 'person_id', type: 'text' })
  personId: string;

  /** The notification that led to it, when there is one. */
  @Column({ name: 'da_notification_id', type: 'text', nullable: true })
  daNotificationId: string | null;

  @Column({ name: 'referred_at', type: 'timestamptz' })
  referredAt: Date;

  /** Local date of the conference; null until heard. */
  @Column({ name: 'conference_date', type: 'date', nullable: true })
  conferenceDate: string | null;
}
