import { CreateAuditLog1763900000001 } from '../../../shared/audit';
import { CreatePolice1763800000000 } from './1763800000000-CreatePolice';
import { AddIntelligence1763900000000 } from './1763900000000-AddIntelligence';
import { AddPoliceRecords1764000000000 } from './1764000000000-AddPoliceRecords';
import { AddMatchingKeys1764000000001 } from './1764000000001-AddMatchingKeys';

/** Every police migration, oldest first; the audit log's is shared by every subgraph. */
export const migrations = [
  CreatePolice1763800000000,
  AddIntelligence1763900000000,
  CreateAuditLog1763900000001,
  AddPoliceRecords1764000000000,
  AddMatchingKeys1764000000001,
];
