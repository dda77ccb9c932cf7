import { CamhsReferral } from './CamhsReferral';
import { CommunityContact } from './CommunityContact';
import { GpRegistration } from './GpRegistration';
import { MaternityEpisode } from './MaternityEpisode';
import { ParentalConcern } from './ParentalConcern';
import { Patient } from './Patient';
import { SafeguardingFlag } from './SafeguardingFlag';
import { UnscheduledCareAttendance } from './UnscheduledCareAttendance';

export {
  CamhsReferral,
  CommunityContact,
  GpRegistration,
  MaternityEpisode,
  ParentalConcern,
  Patient,
  SafeguardingFlag,
  UnscheduledCareAttendance,
};

/** Every health entity, for the data source. */
export const entities = [
  Patient,
  UnscheduledCareAttendance,
  GpRegistration,
  CommunityContact,
  CamhsReferral,
  MaternityEpisode,
  SafeguardingFlag,
  ParentalConcern,
];
