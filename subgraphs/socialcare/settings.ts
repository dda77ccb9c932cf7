import path from 'node:path';
import { z } from 'zod';
import { ConfigError, parseSettings, type Config } from '../../shared/config';
import { ensureDevSecret } from '../../shared/keys';
import { DEFAULT_RAG_TARGETS, parseRagTargets, type RagTargets } from './clocks';
import { MIN_PSEUDONYM_KEY_LENGTH } from './pseudonym';

/** File name, under the data directory's `keys/`, of the development pseudonym key. */
export const DEV_PSEUDONYM_KEY_FILE = 'pseudonym.key';

/** Socialcare's own settings, read by its entrypoint and its scripts (`npm run report`). */
export interface SocialcareSettings {
  /** The authority's RAG response targets in elapsed hours (RAG_RESPONSE_HOURS; ./clocks.ts). */
  ragTargets: RagTargets;
  /**
   * Small-number suppression in aggregate measures (ANALYTICS_SUPPRESS_BELOW): counts from 1 to
   * this less one are withheld (null). 0 turns it off.
   */
  analyticsSuppressBelow: number;
  /** How often, in working days, a child on a child protection plan is visited (CP_VISIT_WORKING_DAYS). */
  cpVisitWorkingDays: number;
  /**
   * The secret that turns a child's id into the pseudonymised id analysts see (PSEUDONYM_KEY,
   * HMAC); null when not given (`pseudonymKeyFor` then uses a development key outside production).
   */
  pseudonymKey: string | null;
  /**
   * How many children a user may break glass for in a day (BREAK_GLASS_DAILY_ALLOWANCE); beyond
   * it break-glass is refused and the user's manager sees the refusal.
   */
  breakGlassDailyAllowance: number;
}

/** Socialcare's settings when none are given. */
export const DEFAULT_SOCIALCARE_SETTINGS: SocialcareSettings = Object.freeze({
  ragTargets: DEFAULT_RAG_TARGETS,
  analyticsSuppressBelow: 0,
  cpVisitWorkingDays: 10,
  pseudonymKey: null,
  breakGlassDailyAllowance: 10,
});

/**
 * The most rows `annexAList` answers with, unless the server is given another
 * (`annexAListMaxRows`): a response holds the whole list in memory, twice over (the text and its
 * JSON), so a longer one is refused rather than sent.
 */
export const ANNEX_A_LIST_MAX_ROWS = 100_000;

const socialcareSettingsSchema = z.object({
  RAG_RESPONSE_HOURS: z.string().min(1).optional(),
  ANALYTICS_SUPPRESS_BELOW: z.coerce
    .number()
    .int()
    .min(0)
    .max(100)
    .default(DEFAULT_SOCIALCARE_SETTINGS.analyticsSuppressBelow),
  CP_VISIT_WORKING_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .default(DEFAULT_SOCIALCARE_SETTINGS.cpVisitWorkingDays),
  BREAK_GLASS_DAILY_ALLOWANCE: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(DEFAULT_SOCIALCARE_SETTINGS.breakGlassDailyAllowance),
  PSEUDONYM_KEY: z
    .string()
    .min(MIN_PSEUDONYM_KEY_LENGTH, `must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters`)
    .optional(),
});

/** Reads socialcare's settings from `env`; throws ConfigError naming every bad one. */
export function loadSocialcareSettings(env: NodeJS.ProcessEnv = process.env): SocialcareSettings {
  const e = parseSettings(socialcareSettingsSchema, env);
  const rag = e.RAG_RESPONSE_HOURS
    ? parseRagTargets(e.RAG_RESPONSE_HOURS)
    : { targets: DEFAULT_SOCIALCARE_SETTINGS.ragTargets };
  if ('problems' in rag) {
    throw new ConfigError(rag.problems.map((p) => `RAG_RESPONSE_HOURS: ${p}`));
  }
  return {
    ragTargets: rag.targets,
    analyticsSuppressBelow: e.ANALYTICS_SUPPRESS_BELOW,
    cpVisitWorkingDays: e.CP_VISIT_WORKING_DAYS,
    pseudonymKey: e.PSEUDONYM_KEY ?? null,
    breakGlassDailyAllowance: e.BREAK_GLASS_DAILY_ALLOWANCE,
  };
}

/**
 * The key pseudonyms are made with: PSEUDONYM_KEY when set; outside production otherwise the
 * development key generated once under the data directory's `keys/` folder (shared/keys.ts
 * `ensureDevSecret`, DEV_PSEUDONYM_KEY_FILE); in production otherwise null, and the caller refuses to run
 * (`requireSettings({ PSEUDONYM_KEY: ... })`). A development key makes pseudonyms that only that
 * data directory's key reproduces: never give them to anyone expecting a deployment's.
 */
export function pseudonymKeyFor(
  settings: Pick<SocialcareSettings, 'pseudonymKey'>,
  config: Pick<Config, 'dataDir'> & { gateway: Pick<Config['gateway'], 'production'> },
): string | null {
  if (settings.pseudonymKey) return settings.pseudonymKey;
  if (config.gateway.production) return null;
  return ensureDevSecret(path.join(config.dataDir, 'keys'), DEV_PSEUDONYM_KEY_FILE);
}
