import { z } from 'zod';
import { ConfigError, parseSettings } from '../config';
import type { SubgraphDeps } from '../subgraph';
import { DEFAULT_MATCH_THRESHOLDS, type MatchThresholds } from './matching';

/** What a partner subgraph's server takes beyond every subgraph's deps. */
export interface PartnerDeps extends SubgraphDeps {
  /** Demographic match thresholds; `DEFAULT_MATCH_THRESHOLDS` (./matching.ts) when absent. */
  matchThresholds?: MatchThresholds;
}

const score = (fallback: number) => z.coerce.number().int().min(1).max(20).default(fallback);

const partnerSettingsSchema = z.object({
  MATCH_PROBABLE_SCORE: score(DEFAULT_MATCH_THRESHOLDS.probable),
  MATCH_POSSIBLE_SCORE: score(DEFAULT_MATCH_THRESHOLDS.possible),
});

/**
 * A partner subgraph's own settings: the demographic match score thresholds
 * (MATCH_PROBABLE_SCORE, MATCH_POSSIBLE_SCORE). Throws ConfigError naming every bad setting, and
 * when POSSIBLE is not below PROBABLE (nothing could then be POSSIBLE).
 */
export function loadPartnerSettings(
  env: NodeJS.ProcessEnv = process.env,
): Required<Omit<PartnerDeps, keyof SubgraphDeps>> {
  const e = parseSettings(partnerSettingsSchema, env);
  if (e.MATCH_POSSIBLE_SCORE >= e.MATCH_PROBABLE_SCORE) {
    throw new ConfigError([
      'MATCH_POSSIBLE_SCORE: must be below MATCH_PROBABLE_SCORE, or nothing could be POSSIBLE',
    ]);
  }
  return {
    matchThresholds: { probable: e.MATCH_PROBABLE_SCORE, possible: e.MATCH_POSSIBLE_SCORE },
  };
}
