import { CreateAuditLog1763900000001 } from '../../../shared/audit';
import { CreateProbation1768000000000 } from './1768000000000-CreateProbation';

/** Every probation migration, oldest first; the audit log's is shared by every subgraph. */
export const migrations = [CreateAuditLog1763900000001, CreateProbation1768000000000];
