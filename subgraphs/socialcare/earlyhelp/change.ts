/**
 * Working an early help episode: the family's response, the early help assessment, the lead
 * practitioner, the closure, and a step-up back to the MASH (a new contact, recorded as
 * `recordContact` records one). Each change names the episode `version` the user saw
 * (VERSION_CONFLICT otherwise), is refused on a closed episode (EPISODE_CLOSED), and commits with
 * its audit row in one transaction; a change already in effect (a retry) changes nothing and
 * answers with the episode as it is.
 */
import type { EntityManager } from 'typeorm';
import { accessError, LAWFUL_BASIS, type AccessDecision } from '../../../shared/access';
import type { AuditEntry } from '../../../shared/audit';
import { appendAuditIn } from '../../../shared/audit';
import { badUserInput, codedError } from '../../../shared/errors';
import { localDate } from '../../../shared/time';
import type { SocialcareContext } from '../context';
import { EarlyHelpEpisode } from '../entities';
import type { EarlyHelpClosureReason, EarlyHelpResponse } from '../entities/EarlyHelpEpisode';
import { ErrorCode } from '../errors';
import { recordContact } from '../frontdoor/record';
import * as valid from '../frontdoor/validate';
import { decideWorkEpisode, mayWorkEpisodes } from './access';

/** A change already in effect (a retry after a lost response). */
const UNCHANGED = Symbol('unchanged');

/** An episode after a change, and whether the change was already in effect. */
export interface EpisodeOutcome {
  episode: EarlyHelpEpisode;
  unchanged: boolean;
}

interface Change {
  fields: string[];
  reason: string;
}

/** The reasons an episode closes with through `closeEarlyHelpEpisode` (STEPPED_UP: step up). */
export const CLOSURE_REASONS: readonly EarlyHelpClosureReason[] = [
  'NEEDS_MET',
  'FAMILY_DECLINED',
  'NO_ENGAGEMENT',
  'MOVED_AWAY',
  'OTHER',
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Refuses, and records the refusal, unless this user may work episodes at all. */
function requireWorker(ctx: SocialcareContext, subject: string): void {
  if (mayWorkEpisodes(ctx.principal)) return;
  refuseRecorded(ctx, decideWorkEpisode(ctx.principal, 'any provider'), subject, null);
}

function refuseRecorded(
  ctx: SocialcareContext,
  decision: AccessDecision,
  subject: string,
  childId: string | null,
): void {
  if (decision.allowed) return;
  ctx.audit.record({
    action: 'CHANGE',
    subject,
    childId,
    fields: [],
    outcome: 'DENIED',
    reason: decision.code,
    lawfulBasis: null,
  });
  throw accessError(decision);
}

function episodeVersion(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw badUserInput('version', '`version` must be the episode version you last saw (1 or more)');
  }
  return value;
}

/**
 * A date of the episode: a real date, not after today (Europe/London) and not before the local
 * date of the step-down; BAD_USER_INPUT naming `field` otherwise.
 */
function episodeDate(
  value: string,
  field: string,
  episode: EarlyHelpEpisode,
  ctx: SocialcareContext,
): string {
  if (!ISO_DATE.test(value)) throw badUserInput(field, `\`${field}\` must be a date, YYYY-MM-DD`);
  if (value > localDate(ctx.now)) {
    throw badUserInput(field, `\`${field}\` must not be in the future`);
  }
  const steppedDownOn = localDate(episode.steppedDownAt);
  if (value < steppedDownOn) {
    throw badUserInput(field, `\`${field}\` must not be before the step-down on ${steppedDownOn}`);
  }
  return value;
}

function closedError(episode: EarlyHelpEpisode) {
  return codedError(
    ErrorCode.EPISODE_CLOSED,
    `Early help episode ${episode.id} is closed (${episode.closureReason} on ${episode.closedOn})`,
    { episodeId: episode.id },
  );
}

function transitionError(message: string, field: string) {
  return codedError(ErrorCode.INVALID_TRANSITION, message, { field });
}

/** Locks and reads the episode, or NOT_FOUND on `episodeId`. Refuses a user who may not work it. */
async function lockEpisode(
  m: EntityManager,
  ctx: SocialcareContext,
  id: string,
): Promise<EarlyHelpEpisode> {
  const [locked] = (await m.query(`SELECT id FROM early_help_episodes WHERE id = $1 FOR UPDATE`, [
    id,
  ])) as unknown[];
  if (!locked) {
    throw codedError(ErrorCode.NOT_FOUND, `No early help episode ${id}`, { field: 'episodeId' });
  }
  const episode = await m.findOneByOrFail(EarlyHelpEpisode, { id });
  refuseRecorded(
    ctx,
    decideWorkEpisode(ctx.principal, episode.providerId),
    `EarlyHelpEpisode ${id}`,
    episode.childId,
  );
  return episode;
}

function versionCheck(episode: EarlyHelpEpisode, seen: number): () => void {
  return () => {
    if (episode.version !== seen) {
      throw codedError(
        ErrorCode.VERSION_CONFLICT,
        `Early help episode ${episode.id} was changed since you saw it (version ${seen}, now ${episode.version}); reload it and try again`,
        { field: 'version', currentVersion: episode.version },
      );
    }
  };
}

function auditRow(episode: EarlyHelpEpisode, change: Change): AuditEntry {
  return {
    action: 'CHANGE',
    subject: `EarlyHelpEpisode ${episode.id}`,
    childId: episode.childId,
    fields: change.fields,
    outcome: 'CHANGED',
    reason: change.reason,
    lawfulBasis: LAWFUL_BASIS,
  };
}

/**
 * One change to an episode, in one transaction: locks it, checks the user may work it, lets
 * `apply` say the change is already in effect (UNCHANGED), otherwise checks the version, applies
 * the change (`apply` writes its columns), bumps the version and audits it.
 */
async function changeEpisode(
  ctx: SocialcareContext,
  input: { episodeId: string; version: number },
  apply: (
    m: EntityManager,
    episode: EarlyHelpEpisode,
    checkVersion: () => void,
  ) => Promise<Change | typeof UNCHANGED>,
): Promise<EpisodeOutcome> {
  const id = valid.id(input.episodeId, 'episodeId');
  const seen = episodeVersion(input.version);
  return ctx.dataSource.transaction(async (m) => {
    const episode = await lockEpisode(m, ctx, id);
    const change = await apply(m, episode, versionCheck(episode, seen));
    if (change === UNCHANGED) return { episode, unchanged: true };
    await m.query(`UPDATE early_help_episodes SET version = version + 1 WHERE id = $1`, [id]);
    await appendAuditIn(m, ctx.principal, [auditRow(episode, change)], ctx.now);
    return { episode: await m.findOneByOrFail(EarlyHelpEpisode, { id }), unchanged: false };
  });
}

export interface RecordEarlyHelpResponseInput {
  episodeId: string;
  version: number;
  response: EarlyHelpResponse;
  respondedOn: string;
  /** Closes the episode as FAMILY_DECLINED on `respondedOn`; for a DECLINED response only. */
  close?: boolean | null;
}

/** Records the family's answer to the offer. See the schema's `recordEarlyHelpResponse`. */
export function recordEarlyHelpResponse(
  input: RecordEarlyHelpResponseInput,
  ctx: SocialcareContext,
): Promise<EpisodeOutcome> {
  requireWorker(ctx, 'EarlyHelpEpisode');
  if (!['ACCEPTED', 'DECLINED'].includes(input.response)) {
    throw badUserInput('response', '`response` must be ACCEPTED or DECLINED');
  }
  const close = input.close ?? false;
  if (close && input.response !== 'DECLINED') {
    throw badUserInput('close', '`close` closes a declined offer (FAMILY_DECLINED) only');
  }
  return changeEpisode(ctx, input, async (m, episode, checkVersion) => {
    const respondedOn = episodeDate(input.respondedOn, 'respondedOn', episode, ctx);
    const same =
      episode.familyResponse === input.response &&
      episode.respondedOn === respondedOn &&
      (!close || (episode.closureReason === 'FAMILY_DECLINED' && episode.closedOn === respondedOn));
    if (same) return UNCHANGED;
    checkVersion();
    if (episode.closedOn) throw closedError(episode);
    if (input.response === 'DECLINED' && episode.assessmentStartedOn) {
      throw transitionError(
        `The early help assessment of episode ${episode.id} started on ${episode.assessmentStartedOn}: the family accepted; close the episode (NO_ENGAGEMENT) if they have since withdrawn`,
        'response',
      );
    }
    await m.query(
      `UPDATE early_help_episodes SET family_response = $2, responded_on = $3,
              closed_on = $4, closure_reason = $5
        WHERE id = $1`,
      [
        episode.id,
        input.response,
        respondedOn,
        close ? respondedOn : null,
        close ? 'FAMILY_DECLINED' : null,
      ],
    );
    return {
      fields: ['familyResponse', 'respondedOn', ...(close ? ['closedOn', 'closureReason'] : [])],
      reason: 'EARLY_HELP_RESPONSE_RECORDED',
    };
  });
}

export interface RecordEarlyHelpAssessmentInput {
  episodeId: string;
  version: number;
  startedOn: string;
  completedOn?: string | null;
  organisation?: string | null;
}

/** Records the early help assessment. See the schema's `recordEarlyHelpAssessment`. */
export function recordEarlyHelpAssessment(
  input: RecordEarlyHelpAssessmentInput,
  ctx: SocialcareContext,
): Promise<EpisodeOutcome> {
  requireWorker(ctx, 'EarlyHelpEpisode');
  const organisation = input.organisation?.trim()
    ? valid.text(input.organisation, 'organisation', 2, 200)
    : null;
  if (input.completedOn && !organisation) {
    throw badUserInput(
      'organisation',
      '`organisation` is required with `completedOn`: the organisation that completed the assessment',
    );
  }
  return changeEpisode(ctx, input, async (m, episode, checkVersion) => {
    const startedOn = episodeDate(input.startedOn, 'startedOn', episode, ctx);
    const completedOn = input.completedOn
      ? episodeDate(input.completedOn, 'completedOn', episode, ctx)
      : null;
    if (completedOn !== null && completedOn < startedOn) {
      throw badUserInput('completedOn', '`completedOn` must not be before `startedOn`');
    }
    if (
      episode.assessmentStartedOn === startedOn &&
      episode.assessmentCompletedOn === completedOn &&
      episode.assessmentOrganisation === organisation
    ) {
      return UNCHANGED;
    }
    checkVersion();
    if (episode.closedOn) throw closedError(episode);
    if (episode.familyResponse !== 'ACCEPTED') {
      throw transitionError(
        `The family has not accepted early help on episode ${episode.id}: record their acceptance (recordEarlyHelpResponse) before the assessment`,
        'startedOn',
      );
    }
    await m.query(
      `UPDATE early_help_episodes SET assessment_started_on = $2, assessment_completed_on = $3,
              assessment_organisation = $4
        WHERE id = $1`,
      [episode.id, startedOn, completedOn, organisation],
    );
    return {
      fields: ['assessmentStartedOn', 'assessmentCompletedOn', 'assessmentOrganisation'],
      reason: completedOn ? 'EARLY_HELP_ASSESSMENT_COMPLETED' : 'EARLY_HELP_ASSESSMENT_STARTED',
    };
  });
}

export interface SetEarlyHelpLeadPractitionerInput {
  episodeId: string;
  version: number;
  leadPractitioner: string;
}

/** Names the lead practitioner. See the schema's `setEarlyHelpLeadPractitioner`. */
export function setEarlyHelpLeadPractitioner(
  input: SetEarlyHelpLeadPractitionerInput,
  ctx: SocialcareContext,
): Promise<EpisodeOutcome> {
  requireWorker(ctx, 'EarlyHelpEpisode');
  const lead = valid.text(input.leadPractitioner, 'leadPractitioner', 2, 200);
  return changeEpisode(ctx, input, async (m, episode, checkVersion) => {
    if (episode.leadPractitioner === lead) return UNCHANGED;
    checkVersion();
    if (episode.closedOn) throw closedError(episode);
    await m.query(`UPDATE early_help_episodes SET lead_practitioner = $2 WHERE id = $1`, [
      episode.id,
      lead,
    ]);
    return { fields: ['leadPractitioner'], reason: 'EARLY_HELP_LEAD_SET' };
  });
}

export interface CloseEarlyHelpEpisodeInput {
  episodeId: string;
  version: number;
  closedOn: string;
  reason: EarlyHelpClosureReason;
}

/** Closes an episode with a reason. See the schema's `closeEarlyHelpEpisode`. */
export function closeEarlyHelpEpisode(
  input: CloseEarlyHelpEpisodeInput,
  ctx: SocialcareContext,
): Promise<EpisodeOutcome> {
  requireWorker(ctx, 'EarlyHelpEpisode');
  if (input.reason === 'STEPPED_UP') {
    throw badUserInput(
      'reason',
      '`reason` STEPPED_UP is recorded by stepping up (stepUpEarlyHelp), which makes the new contact',
    );
  }
  if (!CLOSURE_REASONS.includes(input.reason)) {
    throw badUserInput('reason', `\`reason\` must be one of ${CLOSURE_REASONS.join(', ')}`);
  }
  return changeEpisode(ctx, input, async (m, episode, checkVersion) => {
    const closedOn = episodeDate(input.closedOn, 'closedOn', episode, ctx);
    if (episode.closedOn === closedOn && episode.closureReason === input.reason) return UNCHANGED;
    checkVersion();
    if (episode.closedOn) throw closedError(episode);
    if (input.reason === 'FAMILY_DECLINED' && episode.familyResponse !== 'DECLINED') {
      throw badUserInput(
        'reason',
        '`reason` FAMILY_DECLINED needs the family’s declining recorded (recordEarlyHelpResponse)',
      );
    }
    const latest = [episode.respondedOn, episode.assessmentStartedOn, episode.assessmentCompletedOn]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1);
    if (latest && closedOn < latest) {
      throw badUserInput(
        'closedOn',
        `\`closedOn\` must not be before ${latest}, recorded on the episode`,
      );
    }
    await m.query(
      `UPDATE early_help_episodes SET closed_on = $2, closure_reason = $3 WHERE id = $1`,
      [episode.id, closedOn, input.reason],
    );
    return { fields: ['closedOn', 'closureReason'], reason: 'EARLY_HELP_CLOSED' };
  });
}

export interface StepUpEarlyHelpInput {
  episodeId: string;
  version: number;
  concern: string;
  /** Who is stepping up; by default the user and their provider. */
  referrer?: string | null;
  /** The DfE contact source; by default 5D, early help. */
  source?: string | null;
}

/** The DfE contact source of a step-up: early help. */
export const STEP_UP_SOURCE = '5D';

/**
 * Steps an episode up to the MASH: records a new contact about the child exactly as
 * `recordContact` does (every rule applies; the contact goes to the team whose step-down opened the
 * episode), and closes the episode STEPPED_UP naming it, in one transaction. A retry, once the
 * episode is stepped up, answers with the episode as it is. See the schema's `stepUpEarlyHelp`.
 */
export async function stepUpEarlyHelp(
  input: StepUpEarlyHelpInput,
  ctx: SocialcareContext,
): Promise<EpisodeOutcome> {
  requireWorker(ctx, 'EarlyHelpEpisode');
  const id = valid.id(input.episodeId, 'episodeId');
  const seen = episodeVersion(input.version);
  const before = await ctx.dataSource.getRepository(EarlyHelpEpisode).findOneBy({ id });
  if (!before) {
    throw codedError(ErrorCode.NOT_FOUND, `No early help episode ${id}`, { field: 'episodeId' });
  }
  refuseRecorded(
    ctx,
    decideWorkEpisode(ctx.principal, before.providerId),
    `EarlyHelpEpisode ${id}`,
    before.childId,
  );
  if (before.closureReason === 'STEPPED_UP') return { episode: before, unchanged: true };
  versionCheck(before, seen)();
  if (before.closedOn) throw closedError(before);
  const [{ team, provider }] = (await ctx.dataSource.query(
    `SELECT c.team, p.name AS provider FROM contacts c, early_help_providers p
      WHERE c.id = $1 AND p.id = $2`,
    [before.contactId, before.providerId],
  )) as { team: string; provider: string }[];
  const user = ctx.principal.user;
  await recordContact(
    {
      // One step-up per episode and user: a retry finds the contact its first attempt recorded.
      idempotencyKey: `step-up:${id}`,
      source: input.source?.trim() || STEP_UP_SOURCE,
      referrer: input.referrer?.trim() || `${user.name}, ${provider}`,
      concern: input.concern,
      team,
      children: [{ childId: before.childId }],
    },
    ctx,
    {
      authorised: true,
      within: async (m, contactId) => {
        const episode = await lockEpisode(m, ctx, id);
        versionCheck(episode, seen)();
        if (episode.closedOn) throw closedError(episode);
        await m.query(
          `UPDATE early_help_episodes SET closed_on = $2, closure_reason = 'STEPPED_UP',
                  step_up_contact_id = $3, version = version + 1
            WHERE id = $1`,
          [id, localDate(ctx.now), contactId],
        );
        return [
          auditRow(episode, {
            fields: ['closedOn', 'closureReason', 'stepUpContact'],
            reason: 'EARLY_HELP_STEPPED_UP',
          }),
        ];
      },
    },
  );
  const episode = await ctx.dataSource.getRepository(EarlyHelpEpisode).findOneByOrFail({ id });
  return { episode, unchanged: false };
}
