import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An attendance at unscheduled care: A&E, walk-in centre, out-of-hours GP or maternity. */
@Entity({ name: 'unscheduled_care_attendances' })
export class UnscheduledCareAttendance {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'patient_id', type: 'text' })
  patientId: string;

  @Column({ name: 'arrived_at', type: 'timestamptz' })
  arrivedAt: Date;

  /** EMERGENCY_DEPARTMENT, WALK_IN, OUT_OF_HOURS or MATERNITY. */
  @Column({ name: 'setting', type: 'text' })
  setting: string;

  @Column({ name: 'presenting_reason', type: 'text' })
  presentingReason: string;

  @Column({ name: 'site', type: 'text' })
  site: string;

  /** SEXUAL_HEALTH, MENTAL_HEALTH or SUBSTANCE_MISUSE; null when not sensitive. */
  @Column({ name: 'sensitive_category', type: 'text', nullable: true })
  sensitiveCategory: string | null;
}
