import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A pregnancy booked with maternity services, on the mother's record; linked to the baby once born. */
@Entity({ name: 'maternity_episodes' })
export class MaternityEpisode {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'mother_patient_id', type: 'text' })
  motherPatientId: string;

  @Column({ name: 'booked_on', type: 'date' })
  bookedOn: string;

  @Column({ name: 'expected_delivery_date', type: 'date' })
  expectedDeliveryDate: string;

  /** Null until delivered. */
  @Column({ name: 'delivered_on', type: 'date', nullable: true })
  deliveredOn: string | null;

  /** The baby's own patient record, once born and registered. */
  @Column({ name: 'baby_patient_id', type: 'text', nullable: true })
  babyPatientId: string | null;

  /** Concerns noted at booking, e.g. 'Late booking at 26 weeks'; null when none. */
  @Column({ name: 'concerns', type: 'text', nullable: true })
  concerns: string | null;
}
