import { Enrolment } from './Enrolment';
import { FormerUpn } from './FormerUpn';
import { Pupil } from './Pupil';
import { School } from './School';
import { TermAttendance } from './TermAttendance';

export { Enrolment, FormerUpn, Pupil, School, TermAttendance };

/** Every education entity, for the data source. */
export const entities = [Enrolment, FormerUpn, Pupil, School, TermAttendance];
