import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An arrest and what came of it. */
@Entity({ name: 'arrests' })
export class Arrest {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'person_id', type: 'text' })
  personId: string;

  @Column({ name: 'arrested_at', type: 'timestamptz' })
  arrestedAt: Date;

  /** VIOLENCE, DOMESTIC_ABUSE, SEXUAL, DRUGS, WEAPONS, THEFT or PUBLIC_ORDER. */
  @Column({ name: 'offence_category', type: 'text' })
  offenceCategory: string;

  /** The offence as recorded, e.g. 'Assault occasioning actual bodily harm'. */
  @Column({ name: 'offence', type: 'text' })
  offence: string;

  /** CHARGED, CAUTIONED, RELEASED_UNDER_INVESTIGATION, NO_FURTHER_ACTION or CONVICTED. */
  @Column({ name: 'outcome', type: 'text' })
  outcome: string;
}
