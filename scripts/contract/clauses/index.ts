import type { Clause } from '../clause';
import { auditClause } from './audit';
import { authClauses } from './auth';
import { backendCallsClause } from './backend-calls';
import { chronologyClause } from './chronology';
import { composesClause, noBreakingChangeClause } from './composition';
import { grantBasesClause, grantListClause, grantRefusalClauses } from './grants';
import { matchLevelsClause, noDisclosureBelowProbableClause, twinsClause } from './matching';
import { probesClause } from './probes';
import { requiresClause, requiresGrantClause } from './requires';
import { forbiddenClause, withheldClause } from './withheld';

/** Every clause of the partner contract, in the order the suite runs and reports them. */
export const CLAUSES: Clause[] = [
  ...authClauses,
  probesClause,
  composesClause,
  noBreakingChangeClause,
  requiresClause,
  requiresGrantClause,
  matchLevelsClause,
  noDisclosureBelowProbableClause,
  twinsClause,
  withheldClause,
  forbiddenClause,
  ...grantRefusalClauses,
  grantBasesClause,
  grantListClause,
  auditClause,
  backendCallsClause,
  chronologyClause,
];
