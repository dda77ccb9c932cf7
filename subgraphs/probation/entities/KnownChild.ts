import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A child an offender manager recorded as living with, or in contact with, a person on probation
 * (the case's child safeguarding record): probation's only index of children, which a child's
 * section is matched against.
 */
@Entity({ name: 'known_children' })
export class KnownChild {
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
}
