import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person on probation, or known to it from an earlier sentence: probation's person index, with
 * the offender manager and MAPPA management of the current case.
 */
@Entity({ name: 'offenders' })
export class Offender {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  /** Case reference number, a letter and six digits, e.g. X123456, as keyed. */
  @Column({ name: 'crn', type: 'text' })
  crn: string;

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

  /** LICENCE, COMMUNITY_ORDER, SUSPENDED_SENTENCE_ORDER, or PREVIOUSLY_KNOWN (no current case). */
  @Column({ name: 'supervision', type: 'text' })
  supervision: string;

  @Column({ name: 'supervision_starts_on', type: 'date', nullable: true })
  supervisionStartsOn: string | null;

  @Column({ name: 'supervision_ends_on', type: 'date', nullable: true })
  supervisionEndsOn: string | null;

  /** The offender manager's name, e.g. 'Priya Shah'; null when no current case. */
  @Column({ name: 'offender_manager', type: 'text', nullable: true })
  offenderManager: string | null;

  /** The probation delivery unit's team, e.g. 'North London PDU Team 2'. */
  @Column({ name: 'offender_manager_team', type: 'text', nullable: true })
  offenderManagerTeam: string | null;

  /** MAPPA category 1 to 3; null when not MAPPA-eligible. */
  @Column({ name: 'mappa_category', type: 'integer', nullable: true })
  mappaCategory: number | null;

  /** MAPPA management level 1 to 3; null when not MAPPA-eligible. */
  @Column({ name: 'mappa_level', type: 'integer', nullable: true })
  mappaLevel: number | null;

  @Column({ name: 'mappa_reviewed_on', type: 'date', nullable: true })
  mappaReviewedOn: string | null;
}
