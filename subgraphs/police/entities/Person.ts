import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person in the police person index (children and adults alike). */
@Entity({ name: 'persons' })
export class Person {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'sex', type: 'text' })
  sex: string;

  @Column({ name: 'postcode', type: 'text', nullable: true })
  postcode: string | null;

  /** Police National Computer id, YY/NNNNNNND, as keyed (it may fail its check letter). */
  @Column({ name: 'pnc_id', type: 'text', nullable: true })
  pncId: string | null;
}
