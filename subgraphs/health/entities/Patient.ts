import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A patient in health's index, keyed in practice by NHS number. */
@Entity({ name: 'patients' })
export class Patient {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  /** As recorded; nearly always present and valid, occasionally mistyped. */
  @Column({ name: 'nhs_number', type: 'text', nullable: true })
  nhsNumber: string | null;

  @Column({ name: 'given_name', type: 'text' })
  givenName: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ name: 'sex', type: 'text' })
  sex: string;

  @Column({ name: 'postcode', type: 'text', nullable: true })
  postcode: string | null;

  @Column({ name: 'gp_practice_code', type: 'text', nullable: true })
  gpPracticeCode: string | null;

  @Column({ name: 'gp_practice_name', type: 'text', nullable: true })
  gpPracticeName: string | null;
}
