import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An offence a person on probation was convicted of. */
@Entity({ name: 'offences' })
export class Offence {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'offender_id', type: 'text' })
  offenderId: string;

  /** DOMESTIC_ABUSE, VIOLENCE, SEXUAL, CHILD_RELATED or OTHER. */
  @Column({ name: 'category', type: 'text' })
  category: string;

  /** The offence as recorded, e.g. 'Assault occasioning actual bodily harm'. */
  @Column({ name: 'description', type: 'text' })
  description: string;

  @Column({ name: 'convicted_on', type: 'date' })
  convictedOn: string;
}
