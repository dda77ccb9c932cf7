/**
 * Opening early help: a `STEP_DOWN_TO_EARLY_HELP` decision (recorded at the front door, or
 * imported) opens an episode for the child, offered to a registered provider. Runs inside the
 * caller's transaction and uses only its manager.
 */
import type { EntityManager } from 'typeorm';
import { LAWFUL_BASIS } from '../../../shared/access';
import { appendAuditIn } from '../../../shared/audit';
import type { Principal } from '../../../shared/auth';
import { badUserInput } from '../../../shared/errors';
import { socialcareTeam } from '../teams';

/** The outcome whose decision opens an early help episode. */
export const STEP_DOWN_OUTCOME = 'STEP_DOWN_TO_EARLY_HELP';

/** The early help team a MASH team's step-downs are offered to unless the decision names one. */
export const DEFAULT_PROVIDER_BY_MASH_TEAM: Readonly<Record<string, string>> = {
  'MASH North': 'eh-north',
  'MASH South': 'eh-south',
  'MASH Central': 'eh-central',
};

/** The provider of a step-down from any other team (or none). */
export const FALLBACK_PROVIDER = 'eh-central';

/**
 * The provider a step-down from the contact's `team` (a registered socialcare team, by id or
 * name) is offered to by default: that MASH's early help team, else Early Help Central.
 */
export function defaultProviderFor(team: string | null): string {
  const name = team ? socialcareTeam(team) : null;
  return (name && DEFAULT_PROVIDER_BY_MASH_TEAM[name]) ?? FALLBACK_PROVIDER;
}

/** A registered early help provider (the `early_help_providers` table). */
export interface EarlyHelpProvider {
  id: string;
  name: string;
  kind: 'LOCAL_AUTHORITY' | 'SCHOOL' | 'HEALTH' | 'VOLUNTARY';
}

/** The registered provider `id`, or BAD_USER_INPUT on `field` naming the registered ones. */
export async function registeredProvider(
  m: EntityManager,
  id: string,
  field: string,
): Promise<EarlyHelpProvider> {
  const rows = (await m.query(
    `SELECT id, name, kind FROM early_help_providers ORDER BY id`,
  )) as EarlyHelpProvider[];
  const found = rows.find((p) => p.id === id.trim());
  if (!found) {
    throw badUserInput(
      field,
      `\`${field}\` "${id}" is not a registered early help provider; one of: ${rows.map((p) => p.id).join(', ')}`,
    );
  }
  return found;
}

/** The next episode id from the service's sequence: EH000001, EH000002, ... */
export async function nextEpisodeId(m: EntityManager): Promise<string> {
  const [{ n }] = (await m.query(`SELECT nextval('early_help_episode_number_seq')::text AS n`)) as {
    n: string;
  }[];
  return `EH${n.padStart(6, '0')}`;
}

/**
 * Opens the early help episode of one step-down decision, offered to `providerId` at the decision's
 * instant; returns its id. A decision opens one episode: (contact, child) is unique.
 */
export async function openEpisode(
  m: EntityManager,
  step: { contactId: string; childId: string; steppedDownAt: Date; providerId: string },
): Promise<string> {
  const id = await nextEpisodeId(m);
  await m.query(
    `INSERT INTO early_help_episodes
       (id, contact_id, child_id, stepped_down_at, provider_id, offered_at, version, created_at)
     VALUES ($1, $2, $3, $4, $5, $4, 1, $4)`,
    [id, step.contactId, step.childId, step.steppedDownAt, step.providerId],
  );
  return id;
}

/** A step-down an import brings in: its contact, child, decision instant and contact team. */
export interface ImportedStepDown {
  contactId: string;
  childId: string;
  steppedDownAt: Date;
  team: string | null;
}

/**
 * Opens the episodes of imported step-down decisions, each offered to its contact team's default
 * provider at the decision's instant (an import's file names no provider), with an audit row per
 * episode; in one statement whatever their number. Runs in the import's transaction.
 */
export async function openImportedEpisodes(
  m: EntityManager,
  stepDowns: ImportedStepDown[],
  principal: Principal,
  now: Date,
): Promise<void> {
  if (stepDowns.length === 0) return;
  const opened = (await m.query(
    `INSERT INTO early_help_episodes
       (id, contact_id, child_id, stepped_down_at, provider_id, offered_at, version, created_at)
     SELECT 'EH' || lpad(nextval('early_help_episode_number_seq')::text, 6, '0'),
            s.contact_id, s.child_id, s.at, s.provider, s.at, 1, $5
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])
            WITH ORDINALITY AS s(contact_id, child_id, at, provider, n)
      ORDER BY s.n
     RETURNING id, child_id AS "childId"`,
    [
      stepDowns.map((s) => s.contactId),
      stepDowns.map((s) => s.childId),
      stepDowns.map((s) => s.steppedDownAt.toISOString()),
      stepDowns.map((s) => defaultProviderFor(s.team)),
      now.toISOString(),
    ],
  )) as { id: string; childId: string }[];
  await appendAuditIn(
    m,
    principal,
    opened.map((e) => ({
      action: 'CHANGE' as const,
      subject: `EarlyHelpEpisode ${e.id}`,
      childId: e.childId,
      fields: ['steppedDownAt', 'provider', 'offeredAt'],
      outcome: 'CHANGED' as const,
      reason: 'EARLY_HELP_IMPORTED',
      lawfulBasis: LAWFUL_BASIS,
    })),
    now,
  );
}
