import { CreateAuditLog1763900000001 } from '../../../shared/audit';
import { CreateHealth1763800000000 } from './1763800000000-CreateHealth';
import { AddSensitiveCategory1763900000000 } from './1763900000000-AddSensitiveCategory';
import { AddHealthRecords1764000000000 } from './1764000000000-AddHealthRecords';
import { AddMatchingKeys1764000000001 } from './1764000000001-AddMatchingKeys';

/** Every health migration, oldest first; the audit log's is shared by every subgraph. */
export const migrations = [
  CreateHealth1763800000000,
  AddSensitiveCategory1763900000000,
  CreateAuditLog1763900000001,
  AddHealthRecords1764000000000,
  AddMatchingKeys1764000000001,
];
