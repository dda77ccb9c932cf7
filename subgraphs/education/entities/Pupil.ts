import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A pupil in education's index, keyed in practice by UPN. */
@Entity({ name: 'pupils' })
export class Pupil {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  /** Current unique pupil number; null when unknown (see `upnUnknownReason`). */
  @Column({ name: 'upn', type: 'text', nullable: true })
  upn: string | null;

  /** UN1-UN5 when the pupil has no UPN. */
  @Column({ name: 'upn_unknown_reason', type: 'text', nullable: true })
  upnUnknownReason: string | null;

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
}
