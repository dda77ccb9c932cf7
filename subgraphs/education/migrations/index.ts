import { CreateAuditLog1763900000001 } from '../../../shared/audit';
import { CreateEducation1763800000000 } from './1763800000000-CreateEducation';
import { AddEducationRecords1764000000000 } from './1764000000000-AddEducationRecords';
import { AddMatchingKeys1764000000001 } from './1764000000001-AddMatchingKeys';

/** Every education migration, oldest first; the audit log's is shared by every subgraph. */
export const migrations = [
  CreateEducation1763800000000,
  CreateAuditLog1763900000001,
  AddEducationRecords1764000000000,
  AddMatchingKeys1764000000001,
];
