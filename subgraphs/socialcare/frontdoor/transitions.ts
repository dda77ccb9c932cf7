import { IsNull, type EntityManager } from 'typeorm';
import { accessError, AccessCode, LAWFUL_BASIS } from '../../../shared/access';
import type { Agency } from '../../../shared/auth';
import { appendAuditIn } from '../../../shared/audit';
import { partnerCheckDue, ragResponseDue, type RagRating, RAG_RATINGS } from '../clocks';
import { badUserInput, codedError } from '../../../shared/errors';
import { ErrorCode } from '../errors';
import { CONTACT_OUTCOMES } from '../codes';
import type { SocialcareContext } from '../context';
import { Contact, ContactChild, PartnerCheck, Referral } from '../entities';
import { MATCHING_AGENCIES } from '../matchDecisions';
import { requireSocialcareTeam } from '../teams';
import * as valid from './validate';
import {
  defaultProviderFor,
  openEpisode,
  registeredProvider,
  STEP_DOWN_OUTCOME,
} from '../earlyhelp/open';

/** Outcomes whose decision creates a referral to children's social care. */
export const REFERRAL_OUTCOMES: ReadonlySet<string> = new Set([
  'ASSESSMENT_REQUIRED',
  'STRATEGY_DISCUSSION',
]);

const CHECK_OUTCOMES = ['INFORMATION_SHARED', 'NO_RECORD', 'NOTHING_OF_CONCERN'];
const CONSENT = ['GIVEN', 'NOT_SOUGHT', 'REFUSED'];

/** A change already in effect (a retry after a lost response): answer with the contact as it is. */
const UNCHANGED = Symbol('unchanged');

/** A contact after a change, and whether the change was already in effect (nothing changed). */
export interface ChangeOutcome {
  contact: Contact;
  unchanged: boolean;
}

interface Change {
  /** Audit subject's field names changed, and the reason recorded. */
  fields: string[];
  reason: string;
}

function transitionError(message: string, extensions: Record<string, unknown> = {}) {
  return codedError(ErrorCode.INVALID_TRANSITION, message, extensions);
}

function closedError(contact: Contact) {
  return codedError(
    ErrorCode.CONTACT_CLOSED,
    `Contact ${contact.id} is closed: every child on it was decided (last at ${contact.closedAt?.toISOString()})`,
    { contactId: contact.id },
  );
}

/** The stage a contact is at, from its rating, checks and decisions. */
function stageOf(contact: Contact, checks: PartnerCheck[], children: ContactChild[]): string {
  if (children.every((c) => c.decidedAt !== null)) return 'DECIDED';
  if (checks.some((c) => c.answeredAt === null && c.withdrawnAt === null))
    return 'CHECKS_REQUESTED';
  if (checks.length > 0) return 'CHECKS_ANSWERED';
  return contact.rag ? 'SCREENED' : 'RECEIVED';
}

/**
 * One change to a contact, in one transaction: locks the contact, lets `apply` say the change is
 * already in effect (UNCHANGED: a retry), otherwise checks the version the user saw, applies the
 * change, recomputes the stage, bumps the version and audits it for every child on the contact.
 */
async function changeContact(
  ctx: SocialcareContext,
  contactId: string,
  seenVersion: number,
  apply: (
    m: EntityManager,
    contact: Contact,
    checkVersion: () => void,
  ) => Promise<Change | typeof UNCHANGED>,
): Promise<ChangeOutcome> {
  const id = valid.id(contactId, 'contactId');
  const seen = valid.version(seenVersion);
  return ctx.dataSource.transaction(async (m) => {
    const [locked] = (await m.query(`SELECT id FROM contacts WHERE id = $1 FOR UPDATE`, [id])) as {
      id: string;
    }[];
    if (!locked) {
      throw codedError(ErrorCode.NOT_FOUND, `No contact ${id}`, { field: 'contactId' });
    }
    const contact = await m.findOneByOrFail(Contact, { id });
    const checkVersion = () => {
      if (contact.version !== seen) {
        throw codedError(
          ErrorCode.VERSION_CONFLICT,
          `Contact ${id} was changed since you saw it (version ${seen}, now ${contact.version}); reload it and try again`,
          { field: 'version', currentVersion: contact.version },
        );
      }
    };
    const change = await apply(m, contact, checkVersion);
    if (change === UNCHANGED) return { contact, unchanged: true };
    const checks = await m.findBy(PartnerCheck, { contactId: id });
    const children = await m.findBy(ContactChild, { contactId: id });
    const stage = stageOf(contact, checks, children);
    const closedAt = stage === 'DECIDED' ? ctx.now : null;
    // The RAG response ends the first time every check asked has been answered, or at the decision;
    // from then on its instants never move.
    const ragRunning = contact.ragDueAt !== null && contact.ragStoppedAt === null;
    const allAnswered =
      checks.length > 0 && checks.every((c) => c.answeredAt !== null || c.withdrawnAt !== null);
    const ragStoppedAt = ragRunning && (closedAt || allAnswered) ? ctx.now : null;
    if (closedAt) {
      await m.query(
        `UPDATE partner_checks SET withdrawn_at = $2
          WHERE contact_id = $1 AND answered_at IS NULL AND withdrawn_at IS NULL`,
        [id, closedAt],
      );
    }
    const updated = (await m.query(
      `UPDATE contacts SET version = version + 1, stage = $3, closed_at = $4,
              rag_stopped_at = coalesce(rag_stopped_at, $5)
        WHERE id = $1 AND version = $2 RETURNING id`,
      [id, seen, stage, closedAt, ragStoppedAt],
    )) as unknown[];
    // The row is locked, so this holds; it guards the rule should the lock ever be removed.
    if (updated.length === 0) throw new Error(`contact ${id} changed under its lock`);
    await appendAuditIn(
      m,
      ctx.principal,
      children.map((c) => ({
        action: 'CHANGE' as const,
        subject: `Contact ${id}`,
        childId: c.childId,
        fields: change.fields,
        outcome: 'CHANGED' as const,
        reason: change.reason,
        lawfulBasis: LAWFUL_BASIS,
      })),
      ctx.now,
    );
    return { contact: await m.findOneByOrFail(Contact, { id }), unchanged: false };
  });
}

export interface ScreenContactInput {
  contactId: string;
  version: number;
  rag: string;
  reason: string;
}

/** Rates a contact; the first rating screens it. See the schema's `screenContact`. */
export async function screenContact(
  input: ScreenContactInput,
  ctx: SocialcareContext,
): Promise<ChangeOutcome> {
  valid.requireMashRole(ctx, 'screen and rate contacts', ['SOCIALCARE']);
  if (!(RAG_RATINGS as readonly string[]).includes(input.rag))
    throw badUserInput(
      'rag',
      `\`rag\` must be ${RAG_RATINGS.slice(0, -1).join(', ')} or ${RAG_RATINGS.at(-1)}`,
    );
  const reason = valid.text(input.reason, 'reason', 10, 1000);
  return changeContact(ctx, input.contactId, input.version, async (m, contact, checkVersion) => {
    if (contact.rag === input.rag && contact.ragReason === reason) return UNCHANGED;
    checkVersion();
    if (contact.closedAt) throw closedError(contact);
    const first = contact.rag === null;
    const rag = input.rag as RagRating;
    // A re-rating to the same RAG keeps its clock running from when that RAG was first given.
    const ratedSince = contact.rag === rag ? (contact.ratedSince as Date) : ctx.now;
    // The RAG response clock follows the rating while it runs; once stopped it stays as it was.
    let { ragStartedAt, ragDueAt } = contact;
    if (contact.ragStoppedAt === null) {
      ragDueAt = ragResponseDue(ratedSince, rag, ctx.ragTargets);
      ragStartedAt = ragDueAt ? ratedSince : null;
    }
    await m.query(
      `INSERT INTO contact_ratings (contact_id, rag, reason, rated_by, rated_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [contact.id, rag, reason, ctx.principal.user.id, ctx.now],
    );
    await m.query(
      `UPDATE contacts SET rag = $2, rag_reason = $3, rated_since = $4,
         screened_at = coalesce(screened_at, $5), screened_by = coalesce(screened_by, $6),
         rag_started_at = $7, rag_due_at = $8
        WHERE id = $1`,
      [contact.id, rag, reason, ratedSince, ctx.now, ctx.principal.user.id, ragStartedAt, ragDueAt],
    );
    // Outstanding checks are due by the new rating; answered ones keep the due they were met by.
    const open = await m.findBy(PartnerCheck, {
      contactId: contact.id,
      answeredAt: IsNull(),
      withdrawnAt: IsNull(),
    });
    if (open.length > 0) {
      await m.query(
        `UPDATE partner_checks p SET due_at = d.due
           FROM unnest($2::text[], $3::timestamptz[]) AS d(agency, due)
          WHERE p.contact_id = $1 AND p.agency = d.agency`,
        [
          contact.id,
          open.map((c) => c.agency),
          open.map((c) => partnerCheckDue(c.requestedAt, ratedSince, rag, ctx.ragTargets)),
        ],
      );
    }
    Object.assign(contact, { rag, ragReason: reason, ratedSince, ragStartedAt, ragDueAt });
    return { fields: ['rag', 'ragReason'], reason: first ? 'CONTACT_SCREENED' : 'CONTACT_RERATED' };
  });
}

export interface RequestPartnerChecksInput {
  contactId: string;
  version: number;
  agencies: string[];
}

/** Asks partner agencies for their checks. See the schema's `requestPartnerChecks`. */
export async function requestPartnerChecks(
  input: RequestPartnerChecksInput,
  ctx: SocialcareContext,
): Promise<ChangeOutcome> {
  valid.requireMashRole(ctx, 'request partner checks', ['SOCIALCARE']);
  const agencies = [...new Set(input.agencies)];
  if (
    agencies.length === 0 ||
    agencies.length !== input.agencies.length ||
    !agencies.every((a) => (MATCHING_AGENCIES as readonly string[]).includes(a))
  ) {
    throw badUserInput(
      'agencies',
      `\`agencies\` must list 1 to ${MATCHING_AGENCIES.length} of ${MATCHING_AGENCIES.join(', ')}, once each`,
    );
  }
  return changeContact(ctx, input.contactId, input.version, async (m, contact, checkVersion) => {
    const asked = new Set(
      (await m.findBy(PartnerCheck, { contactId: contact.id })).map((c) => c.agency),
    );
    const toAsk = agencies.filter((a) => !asked.has(a));
    if (toAsk.length === 0) return UNCHANGED;
    checkVersion();
    if (contact.closedAt) throw closedError(contact);
    if (!contact.rag) {
      throw transitionError(
        `Contact ${contact.id} is not screened yet: rate it before asking partners`,
        {
          stage: contact.stage,
        },
      );
    }
    if (ctx.ragTargets[contact.rag as keyof typeof ctx.ragTargets] === null) {
      throw transitionError(
        `Contact ${contact.id} is rated ${contact.rag}, which needs no MASH response and has no target for checks; re-rate it first if partners must check`,
        { stage: contact.stage },
      );
    }
    const due = partnerCheckDue(
      ctx.now,
      contact.ratedSince as Date,
      contact.rag as RagRating,
      ctx.ragTargets,
    );
    await m.query(
      `INSERT INTO partner_checks (contact_id, agency, requested_at, requested_by, due_at)
       SELECT $1, a, $3, $4, $5 FROM unnest($2::text[]) AS a`,
      [contact.id, toAsk, ctx.now, ctx.principal.user.id, due],
    );
    return { fields: toAsk.map((a) => `partnerCheck.${a}`), reason: 'CHECKS_REQUESTED' };
  });
}

export interface RecordPartnerCheckInput {
  contactId: string;
  version: number;
  agency: string;
  outcome: string;
}

/** Records a partner agency's answer. See the schema's `recordPartnerCheck`. */
export async function recordPartnerCheck(
  input: RecordPartnerCheckInput,
  ctx: SocialcareContext,
): Promise<ChangeOutcome> {
  if (!(MATCHING_AGENCIES as readonly string[]).includes(input.agency)) {
    throw badUserInput(
      'agency',
      `\`agency\` must be ${MATCHING_AGENCIES.slice(0, -1).join(', ')} or ${MATCHING_AGENCIES.at(-1)}`,
    );
  }
  if (!CHECK_OUTCOMES.includes(input.outcome)) {
    throw badUserInput('outcome', `\`outcome\` must be one of ${CHECK_OUTCOMES.join(', ')}`);
  }
  valid.requireMashRole(ctx, `answer ${input.agency} checks`, [input.agency as Agency]);
  return changeContact(ctx, input.contactId, input.version, async (m, contact, checkVersion) => {
    const check = await m.findOneBy(PartnerCheck, { contactId: contact.id, agency: input.agency });
    if (check?.answeredAt && check.outcome === input.outcome) return UNCHANGED;
    checkVersion();
    if (contact.closedAt) throw closedError(contact);
    if (!check) {
      throw transitionError(`${input.agency} was not asked to check contact ${contact.id}`, {
        field: 'agency',
      });
    }
    if (check.answeredAt) {
      throw transitionError(
        `${input.agency} already answered contact ${contact.id} (${check.outcome}, ${check.answeredAt.toISOString()})`,
        { field: 'outcome' },
      );
    }
    await m.query(
      `UPDATE partner_checks SET answered_at = $3, answered_by = $4, outcome = $5
        WHERE contact_id = $1 AND agency = $2`,
      [contact.id, input.agency, ctx.now, ctx.principal.user.id, input.outcome],
    );
    return { fields: [`partnerCheck.${input.agency}`], reason: 'CHECK_ANSWERED' };
  });
}

export interface RecordThresholdDecisionInput {
  contactId: string;
  version: number;
  childId: string;
  level: number;
  outcome: string;
  rationale: string;
  consent: string;
  lawfulBasis?: string | null;
  /** The early help provider a step-down is offered to; by default the contact team's. */
  provider?: string | null;
}

/** Records one child's threshold decision. See the schema's `recordThresholdDecision`. */
export async function recordThresholdDecision(
  input: RecordThresholdDecisionInput,
  ctx: SocialcareContext,
): Promise<ChangeOutcome> {
  valid.requireMashRole(ctx, 'make threshold decisions', ['SOCIALCARE']);
  const childId = valid.id(input.childId, 'childId');
  if (!Number.isInteger(input.level) || input.level < 1 || input.level > 4) {
    throw badUserInput(
      'level',
      '`level` must be 1 (universal) to 4 (statutory / child protection)',
    );
  }
  if (!CONTACT_OUTCOMES.includes(input.outcome)) {
    throw badUserInput('outcome', `\`outcome\` must be one of ${CONTACT_OUTCOMES.join(', ')}`);
  }
  const rationale = valid.text(input.rationale, 'rationale', 10, 4000);
  if (!CONSENT.includes(input.consent)) {
    throw badUserInput('consent', '`consent` must be GIVEN, NOT_SOUGHT or REFUSED');
  }
  const lawfulBasis = input.lawfulBasis?.trim()
    ? valid.text(input.lawfulBasis, 'lawfulBasis', 10, 1000)
    : null;
  if (input.consent !== 'GIVEN' && !lawfulBasis) {
    throw badUserInput(
      'lawfulBasis',
      `\`lawfulBasis\` is required when consent is ${input.consent}: record why the work goes ahead without it`,
    );
  }
  const provider = input.provider?.trim() || null;
  if (provider !== null && input.outcome !== STEP_DOWN_OUTCOME) {
    throw badUserInput(
      'provider',
      `\`provider\` is for a step-down to early help only (outcome ${STEP_DOWN_OUTCOME}), not ${input.outcome}`,
    );
  }
  const user = ctx.principal.user;
  return changeContact(ctx, input.contactId, input.version, async (m, contact, checkVersion) => {
    const row = await m.findOneBy(ContactChild, { contactId: contact.id, childId });
    if (!row) {
      throw codedError(ErrorCode.NOT_FOUND, `Child ${childId} is not on contact ${contact.id}`, {
        field: 'childId',
      });
    }
    const same =
      row.decidedAt !== null &&
      row.decidedBy === user.id &&
      row.level === input.level &&
      row.outcome === input.outcome &&
      row.rationale === rationale &&
      row.consent === input.consent &&
      row.lawfulBasis === lawfulBasis &&
      (provider === null ||
        (
          (await m.query(
            `SELECT provider_id FROM early_help_episodes WHERE contact_id = $1 AND child_id = $2`,
            [contact.id, childId],
          )) as { provider_id: string }[]
        )[0]?.provider_id === provider);
    if (same) return UNCHANGED;
    checkVersion();
    if (contact.closedAt) throw closedError(contact);
    if (row.decidedAt) {
      throw codedError(
        ErrorCode.ALREADY_DECIDED,
        `Child ${childId} already has a threshold decision on contact ${contact.id} (${row.outcome}, by ${row.decidedBy ?? 'unknown'} at ${row.decidedAt.toISOString()})`,
        { field: 'childId' },
      );
    }
    if (!contact.rag) {
      throw transitionError(
        `Contact ${contact.id} is not screened yet: rate it (screenContact) before the threshold decision`,
        { stage: contact.stage },
      );
    }
    await m.query(
      `UPDATE contact_children SET decided_at = $3, decided_by = $4, level = $5, outcome = $6,
         rationale = $7, consent = $8, lawful_basis = $9
        WHERE contact_id = $1 AND child_id = $2`,
      [
        contact.id,
        childId,
        ctx.now,
        user.id,
        input.level,
        input.outcome,
        rationale,
        input.consent,
        lawfulBasis,
      ],
    );
    // What the decision-maker knew: their own views of the child since receipt, by request id.
    // Each agency recorded in its own audit log what it disclosed in each of them.
    await m.query(
      `INSERT INTO decision_views (contact_id, child_id, request_id, viewed_at)
       SELECT $1, $2, request_id, min(occurred_at) FROM audit_log
        WHERE child_id = $2 AND user_id = $3 AND action = 'READ' AND outcome = 'DISCLOSED'
          AND occurred_at >= $4 AND occurred_at <= $5
        GROUP BY request_id`,
      [contact.id, childId, user.id, contact.receivedAt, ctx.now],
    );
    if (REFERRAL_OUTCOMES.has(input.outcome)) {
      const [{ n }] = (await m.query(`SELECT nextval('referral_number_seq')::text AS n`)) as {
        n: string;
      }[];
      await m.query(
        `INSERT INTO referrals (id, contact_id, child_id, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [`RF${n.padStart(6, '0')}`, contact.id, childId, ctx.now, user.id],
      );
    }
    // A step-down opens early help for the child in the same transaction (earlyhelp/open.ts).
    const stepDown = input.outcome === STEP_DOWN_OUTCOME;
    if (stepDown) {
      const providerId = provider
        ? (await registeredProvider(m, provider, 'provider')).id
        : defaultProviderFor(contact.team);
      await openEpisode(m, { contactId: contact.id, childId, steppedDownAt: ctx.now, providerId });
    }
    return {
      fields: [
        'decision.level',
        'decision.outcome',
        'decision.rationale',
        'decision.consent',
        ...(stepDown ? ['earlyHelpEpisode'] : []),
      ],
      reason: 'THRESHOLD_DECIDED',
    };
  });
}

export interface CompleteReferralInput {
  referralId: string;
  /** A registered socialcare team (id or name); stored as its registered name. */
  allocatedTeam?: string | null;
  /** The worker's name, 1 to 200 characters. */
  allocatedWorker?: string | null;
}

/** Records the receiving team's acceptance of a referral. See the schema's `completeReferral`. */
export async function completeReferral(
  input: CompleteReferralInput,
  ctx: SocialcareContext,
): Promise<Referral> {
  const { role, agency, id: userId } = ctx.principal.user;
  // The receiving team accepts a referral (socialcare's practitioners), or a MASH manager for
  // them; the practitioner who made the decision does not stop its clock.
  if (agency !== 'SOCIALCARE' || !['MASH_MANAGER', 'AGENCY_PRACTITIONER'].includes(role)) {
    throw accessError({
      allowed: false,
      code: AccessCode.FORBIDDEN_ROLE,
      message:
        "Only socialcare's practitioners (the receiving team) and MASH managers complete referrals",
    });
  }
  const referralId = valid.id(input.referralId, 'referralId');
  let allocatedTeam: string | null = null;
  if (input.allocatedTeam != null) {
    allocatedTeam = requireSocialcareTeam(
      input.allocatedTeam.trim(),
      'allocatedTeam',
      'a referral is allocated to',
    );
  }
  const allocatedWorker =
    input.allocatedWorker != null
      ? valid.text(input.allocatedWorker, 'allocatedWorker', 1, 200)
      : null;
  return ctx.dataSource.transaction(async (m) => {
    const [locked] = (await m.query(`SELECT id FROM referrals WHERE id = $1 FOR UPDATE`, [
      referralId,
    ])) as unknown[];
    if (!locked) {
      throw codedError(ErrorCode.NOT_FOUND, `No referral ${referralId}`, { field: 'referralId' });
    }
    const referral = await m.findOneByOrFail(Referral, { id: referralId });
    if (referral.completedAt) {
      if (referral.completedBy === userId) return referral;
      throw transitionError(
        `Referral ${referralId} was already completed by ${referral.completedBy ?? 'unknown'} at ${referral.completedAt.toISOString()}`,
        { field: 'referralId' },
      );
    }
    await m.query(
      `UPDATE referrals SET completed_at = $2, completed_by = $3, allocated_team = $4,
         allocated_worker = $5
        WHERE id = $1`,
      [referralId, ctx.now, userId, allocatedTeam, allocatedWorker],
    );
    await appendAuditIn(
      m,
      ctx.principal,
      [
        {
          action: 'CHANGE',
          subject: `Referral ${referralId}`,
          childId: referral.childId,
          fields: [
            'completedAt',
            ...(allocatedTeam !== null ? ['allocatedTeam'] : []),
            ...(allocatedWorker !== null ? ['allocatedWorker'] : []),
          ],
          outcome: 'CHANGED',
          reason: 'REFERRAL_COMPLETED',
          lawfulBasis: LAWFUL_BASIS,
        },
      ],
      ctx.now,
    );
    return m.findOneByOrFail(Referral, { id: referralId });
  });
}
