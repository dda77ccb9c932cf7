import { Enrolment } from './Enrolment';
import { Exclusion } from './Exclusion';
import { FormerUpn } from './FormerUpn';
import { FreeMeals } from './FreeMeals';
import { HomeEducation } from './HomeEducation';
import { MissingEducation } from './MissingEducation';
import { Pupil } from './Pupil';
import { School } from './School';
import { SenProvision } from './SenProvision';
import { TermAttendance } from './TermAttendance';

export {
  Enrolment,
  Exclusion,
  FormerUpn,
  FreeMeals,
  HomeEducation,
  MissingEducation,
  Pupil,
  School,
  SenProvision,
  TermAttendance,
};

/** Every education entity, for the data source. */
export const entities = [
  Enrolment,
  Exclusion,
  FormerUpn,
  FreeMeals,
  HomeEducation,
  MissingEducation,
  Pupil,
  School,
  SenProvision,
  TermAttendance,
];
