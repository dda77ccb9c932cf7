import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A child known to the local authority. `id` is the case-system person id. Identifiers are held as
 * recorded, so an NHS number may be missing or fail its check and a UPN may be a former one.
 */
@Entity({ name: 'children' })
export class Child {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  /** Null for an unborn child. */
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  /** Set only for an unborn child. */
  @Column({ name: 'expected_date_of_birth', type: 'date', nullable: true })
  expectedDateOfBirth: string | null;

  @Column({ name: 'sex', type: 'text' })
  sex: string;

  @Column({ name: 'ethnicity', type: 'text', nullable: true })
  ethnicity: string | null;

  /**
   * Whether the child has a disability (Annex A): YES, NO or UNKNOWN; null when nothing is
   * recorded, which the Annex A lists write as unknown.
   */
  @Column({ name: 'disability', type: 'text', nullable: true })
  disability?: string | null;

  @Column({ name: 'nhs_number', type: 'text', nullable: true })
  nhsNumber: string | null;

  @Column({ name: 'upn', type: 'text', nullable: true })
  upn: string | null;

  @Column({ name: 'upn_unknown_reason', type: 'text', nullable: true })
  upnUnknownReason: string | null;

  @Column({ name: 'household_id', type: 'text', nullable: true })
  householdId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
