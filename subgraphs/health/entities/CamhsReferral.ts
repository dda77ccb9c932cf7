import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A referral to child and adolescent mental health services; always sensitive (mental health). */
@Entity({ name: 'camhs_referrals' })
export class CamhsReferral {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'patient_id', type: 'text' })
  patientId: string;

  @Column({ name: 'referred_on', type: 'date' })
  referredOn: string;

  @Column({ name: 'reason', type: 'text' })
  reason: string;

  /** WAITING, ACCEPTED, DECLINED or DISCHARGED. */
  @Column({ name: 'status', type: 'text' })
  status: string;
}
