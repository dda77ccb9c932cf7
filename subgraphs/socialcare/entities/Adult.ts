import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An adult in a child's household (parent, carer, partner, relative). */
@Entity({ name: 'adults' })
export class Adult {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'household_id', type: 'text' })
  householdId: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'sex', type: 'text' })
  sex: string;

  /** Relationship to the children of the household, e.g. MOTHER, STEPFATHER. */
  @Column({ name: 'relationship', type: 'text' })
  relationship: string;
}
