import { Arrest } from './Arrest';
import { CourtOrder } from './CourtOrder';
import { DaNotification } from './DaNotification';
import { IntelligenceClearance } from './IntelligenceClearance';
import { IntelligenceItem } from './IntelligenceItem';
import { MaracReferral } from './MaracReferral';
import { MissingEpisode } from './MissingEpisode';
import { Occurrence } from './Occurrence';
import { OccurrencePerson } from './OccurrencePerson';
import { Person } from './Person';

export {
  Arrest,
  CourtOrder,
  DaNotification,
  IntelligenceClearance,
  IntelligenceItem,
  MaracReferral,
  MissingEpisode,
  Occurrence,
  OccurrencePerson,
  Person,
};

/** Every police entity, for the data source. */
export const entities = [
  Arrest,
  CourtOrder,
  DaNotification,
  IntelligenceClearance,
  IntelligenceItem,
  MaracReferral,
  MissingEpisode,
  Occurrence,
  OccurrencePerson,
  Person,
];
