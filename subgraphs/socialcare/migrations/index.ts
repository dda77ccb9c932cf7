import { CreateAuditLog1763900000001 } from '../../../shared/audit';
import { CreateSocialcare1763800000000 } from './1763800000000-CreateSocialcare';
import { AddMatchDecisions1764000000000 } from './1764000000000-AddMatchDecisions';
import { AddFrontDoor1765000000000 } from './1765000000000-AddFrontDoor';
import { AddAssessmentsAndPlans1766000000000 } from './1766000000000-AddAssessmentsAndPlans';
import { AddTimelinessIndex1766000000001 } from './1766000000001-AddTimelinessIndex';
import { AddWorkingDayCalendar1766000000002 } from './1766000000002-AddWorkingDayCalendar';
import { AddProbationPartner1768000000000 } from './1768000000000-AddProbationPartner';
import { AddBreakGlassUses1769000000000 } from './1769000000000-AddBreakGlassUses';
import { AddEarlyHelp1770000000000 } from './1770000000000-AddEarlyHelp';
import { AddAnnexAFields1771000000000 } from './1771000000000-AddAnnexAFields';
import { AddStepDownIndexes1772000000000 } from './1772000000000-AddStepDownIndexes';

/** Every socialcare migration, oldest first; the audit log's is shared by every subgraph. */
export const migrations = [
  CreateSocialcare1763800000000,
  CreateAuditLog1763900000001,
  AddMatchDecisions1764000000000,
  AddFrontDoor1765000000000,
  AddAssessmentsAndPlans1766000000000,
  AddTimelinessIndex1766000000001,
  AddWorkingDayCalendar1766000000002,
  AddProbationPartner1768000000000,
  AddBreakGlassUses1769000000000,
  AddEarlyHelp1770000000000,
  AddAnnexAFields1771000000000,
  AddStepDownIndexes1772000000000,
];
