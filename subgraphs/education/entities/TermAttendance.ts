import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Sessions (half days) possible, attended and missed in one term of one enrolment. */
@Entity({ name: 'attendance_records' })
export class TermAttendance {
  @PrimaryColumn({ name: 'enrolment_id', type: 'text' })
  enrolmentId: string;

  /** e.g. 2025/26 */
  @PrimaryColumn({ name: 'academic_year', type: 'text' })
  academicYear: string;

  /** AUTUMN, SPRING or SUMMER. */
  @PrimaryColumn({ name: 'term', type: 'text' })
  term: string;

  @Column({ name: 'possible_sessions', type: 'integer' })
  possibleSessions: number;

  @Column({ name: 'attended_sessions', type: 'integer' })
  attendedSessions: number;

  @Column({ name: 'authorised_absences', type: 'integer' })
  authorisedAbsences: number;

  @Column({ name: 'unauthorised_absences', type: 'integer' })
  unauthorisedAbsences: number;
}
