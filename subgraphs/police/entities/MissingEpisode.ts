import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A period a person was reported missing, and the return-home interview that followed. */
@Entity({ name: 'missing_episodes' })
export class MissingEpisode {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'person_id', type: 'text' })
  personId: string;

  /** The MISSING_PERSON occurrence that opened it, when there is one. */
  @Column({ name: 'occurrence_id', type: 'text', nullable: true })
  occurrenceId: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** Null while the person is still missing. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** A return-home interview was offered after the person was found (children only). */
  @Column({ name: 'return_interview_offered', type: 'boolean' })
  returnInterviewOffered: boolean;

  @Column({ name: 'return_interview_done', type: 'boolean' })
  returnInterviewDone: boolean;
}
