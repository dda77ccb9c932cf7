import { Patient } from './Patient';
import { UnscheduledCareAttendance } from './UnscheduledCareAttendance';

export { Patient, UnscheduledCareAttendance };

/** Every health entity, for the data source. */
export const entities = [Patient, UnscheduledCareAttendance];
