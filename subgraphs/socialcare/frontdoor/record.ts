import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { LAWFUL_BASIS } from '../../../shared/access';
import { appendAuditIn, type AuditEntry } from '../../../shared/audit';
import { decisionDueOneWorkingDay } from '../clocks';
import { badUserInput, codedError } from '../../../shared/errors';
import { ErrorCode } from '../errors';
import { isAdultOn } from '../../../shared/age';
import { cleanName } from '../../../shared/names';
import { addDays, localDate } from '../../../shared/time';
import { BANK_HOLIDAY_YEARS, CalendarRangeError } from '../../../shared/working-days';
import { CONTACT_SOURCES } from '../codes';
import type { SocialcareContext } from '../context';
import { Contact, ContactSubmission } from '../entities';
import * as valid from './validate';
import { defaultTeamOf, requireSocialcareTeam } from '../teams';

/** How far back a contact's `receivedAt` may be typed in; older history is imported, not typed. */
export const MAX_RECEIVED_AGE_DAYS = 30;

/** Children on one contact, at most. */
export const MAX_CHILDREN_PER_CONTACT = 10;

export interface NewChildInput {
  givenName?: string | null;
  familyName: string;
  dateOfBirth?: string | null;
  expectedDateOfBirth?: string | null;
  sex?: string | null;
  ethnicity?: string | null;
  /** YES, NO or UNKNOWN; absent: not recorded. */
  disability?: string | null;
  householdId?: string | null;
  address?: { line: string; postcode: string } | null;
  confirmedNew?: boolean | null;
}

export interface ContactChildInput {
  childId?: string | null;
  newChild?: NewChildInput | null;
  nhsNumber?: string | null;
  upn?: string | null;
}

/** `recordContact`'s input as the schema gives it. */
export interface RecordContactInput {
  idempotencyKey: string;
  source: string;
  referrer: string;
  concern: string;
  receivedAt?: Date | null;
  team?: string | null;
  children: ContactChildInput[];
}

interface ValidChild {
  childId: string | null;
  newChild: {
    givenName: string;
    familyName: string;
    dateOfBirth: string | null;
    expectedDateOfBirth: string | null;
    sex: string;
    ethnicity: string | null;
    disability: string | null;
    householdId: string | null;
    address: { line: string; postcode: string } | null;
    confirmedNew: boolean;
  } | null;
  nhsNumber: string | null;
  upn: string | null;
}

interface ValidContact {
  idempotencyKey: string;
  source: string;
  referrer: string;
  concern: string;
  /** As given: null when the user left it to default to now. */
  receivedAt: Date | null;
  team: string | null;
  children: ValidChild[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Refuses a child 18 or over on `receivedOn`, the local date the contact was received: a contact
 * is about children, and a child's record opens every partner's records about them.
 */
function refuseAdult(dateOfBirth: string, receivedOn: string, field: string, who: string): void {
  if (!isAdultOn(dateOfBirth, receivedOn)) return;
  throw codedError(
    ErrorCode.BAD_USER_INPUT,
    `${who} 18 or over on ${receivedOn}, the day the contact was received: a child is under 18, and an adult is never recorded as one`,
    { field, refusal: valid.REFUSAL.NOT_A_CHILD },
  );
}

function validChild(
  c: ContactChildInput,
  i: number,
  today: string | null,
  receivedOn: string | null,
): ValidChild {
  const at = `children[${i}]`;
  if (Boolean(c.childId) === Boolean(c.newChild)) {
    throw badUserInput(at, `\`${at}\` needs either \`childId\` or \`newChild\`, not both`);
  }
  const nhsNumber = c.nhsNumber ? valid.nhsNumber(c.nhsNumber, `${at}.nhsNumber`) : null;
  const upn = c.upn ? valid.upn(c.upn, `${at}.upn`) : null;
  if (c.childId) {
    return { childId: valid.id(c.childId, `${at}.childId`), newChild: null, nhsNumber, upn };
  }
  const n = c.newChild as NewChildInput;
  const f = `${at}.newChild`;
  const dob = n.dateOfBirth ?? null;
  const edd = n.expectedDateOfBirth ?? null;
  if ((dob === null) === (edd === null)) {
    throw badUserInput(
      `${f}.dateOfBirth`,
      `\`${f}\` needs \`dateOfBirth\`, or \`expectedDateOfBirth\` for an unborn child, not both`,
    );
  }
  if (dob !== null && (!ISO_DATE.test(dob) || (today !== null && dob > today))) {
    throw badUserInput(`${f}.dateOfBirth`, `\`${f}.dateOfBirth\` must not be in the future`);
  }
  if (dob !== null && receivedOn !== null) {
    refuseAdult(dob, receivedOn, `${f}.dateOfBirth`, `\`${f}.dateOfBirth\` makes this person`);
  }
  if (edd !== null && today !== null && (edd < today || edd > addDays(today, 305))) {
    throw badUserInput(
      `${f}.expectedDateOfBirth`,
      `\`${f}.expectedDateOfBirth\` must be from today to 10 months ahead; a child already born needs \`dateOfBirth\``,
    );
  }
  if (edd !== null && nhsNumber) {
    throw badUserInput(`${at}.nhsNumber`, 'An unborn child has no NHS number yet');
  }
  // Names are stored clean (shared/names.ts), so the duplicate check below compares what is seen.
  const typedGiven = n.givenName ? cleanName(n.givenName) : '';
  const givenName = typedGiven
    ? valid.name(typedGiven, `${f}.givenName`, 100)
    : edd !== null
      ? 'Unborn'
      : null;
  if (givenName === null) {
    throw badUserInput(`${f}.givenName`, `\`${f}.givenName\` is required for a born child`);
  }
  const ethnicity = n.ethnicity?.trim().toUpperCase() || null;
  if (ethnicity !== null && !/^[A-Z]{4}$/.test(ethnicity)) {
    throw badUserInput(
      `${f}.ethnicity`,
      `\`${f}.ethnicity\` must be a DfE code of 4 letters, e.g. WBRI`,
    );
  }
  if (n.householdId && n.address) {
    throw badUserInput(`${f}.address`, `\`${f}\` needs \`householdId\` or \`address\`, not both`);
  }
  return {
    childId: null,
    newChild: {
      givenName,
      familyName: valid.name(n.familyName, `${f}.familyName`, 100),
      dateOfBirth: dob,
      expectedDateOfBirth: edd,
      sex: n.sex ?? 'UNKNOWN',
      ethnicity,
      disability: n.disability ?? null,
      householdId: n.householdId ? valid.id(n.householdId, `${f}.householdId`) : null,
      address: n.address
        ? {
            line: valid.text(n.address.line, `${f}.address.line`, 1, 200),
            postcode: valid.postcode(n.address.postcode, `${f}.address.postcode`),
          }
        : null,
      confirmedNew: n.confirmedNew ?? false,
    },
    nhsNumber,
    upn,
  };
}

/**
 * The submission checked and put in its canonical form. With `now` null, only what does not depend
 * on the time is checked: a retry must find its first submission even when, by now, its receipt is
 * too old to type in or its expected date of birth has passed.
 */
function validate(input: RecordContactInput, now: Date | null): ValidContact {
  const key = input.idempotencyKey.trim();
  if (!/^[A-Za-z0-9._:-]{8,128}$/.test(key)) {
    throw badUserInput(
      'idempotencyKey',
      '`idempotencyKey` must be 8 to 128 letters, digits, `.`, `_`, `:` or `-` (e.g. a UUID)',
    );
  }
  const source = input.source.trim().toUpperCase();
  if (!(source in CONTACT_SOURCES)) {
    throw badUserInput(
      'source',
      `\`source\` must be a DfE contact source code (${Object.keys(CONTACT_SOURCES).join(', ')})`,
    );
  }
  const receivedAt = input.receivedAt ?? null;
  if (receivedAt !== null && now !== null) {
    if (receivedAt.getTime() > now.getTime()) {
      throw badUserInput('receivedAt', '`receivedAt` must not be in the future');
    }
    if (now.getTime() - receivedAt.getTime() > MAX_RECEIVED_AGE_DAYS * 86_400_000) {
      throw badUserInput(
        'receivedAt',
        `\`receivedAt\` must be within the last ${MAX_RECEIVED_AGE_DAYS} days: older history is imported, not typed in`,
      );
    }
    if (Number(localDate(receivedAt).slice(0, 4)) < BANK_HOLIDAY_YEARS.first) {
      throw badUserInput('receivedAt', '`receivedAt` is before the working-day calendar starts');
    }
  }
  if (input.children.length < 1 || input.children.length > MAX_CHILDREN_PER_CONTACT) {
    throw badUserInput(
      'children',
      `\`children\` must list 1 to ${MAX_CHILDREN_PER_CONTACT} children`,
    );
  }
  const today = now ? localDate(now) : null;
  const receivedOn = now ? localDate(receivedAt ?? now) : null;
  const children = input.children.map((c, i) => validChild(c, i, today, receivedOn));
  const ids = children.map((c) => c.childId).filter((x): x is string => x !== null);
  const repeated = ids.find((x, i) => ids.indexOf(x) !== i);
  if (repeated) {
    throw badUserInput(
      'children',
      `Child ${repeated} is listed twice: one contact, one decision per child`,
    );
  }
  return {
    idempotencyKey: key,
    source,
    referrer: valid.text(input.referrer, 'referrer', 1, 200),
    concern: valid.text(input.concern, 'concern', 10, 4000),
    receivedAt,
    team: input.team ? requireSocialcareTeam(valid.text(input.team, 'team', 1, 64), 'team') : null,
    children,
  };
}

/** SHA-256 of the submission without its key: the same payload retried hashes the same. */
function payloadHash(input: ValidContact): string {
  const { idempotencyKey: _key, ...payload } = input;
  return createHash('sha256')
    .update(JSON.stringify({ ...payload, receivedAt: payload.receivedAt?.toISOString() ?? null }))
    .digest('hex');
}

/**
 * The one-working-day due instant, or CALENDAR_NOT_COVERED when the bank-holiday data stops short
 * of it: never a deadline guessed without the holidays.
 */
function oneWorkingDayDue(receivedAt: Date): Date {
  try {
    return decisionDueOneWorkingDay(receivedAt);
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    throw codedError(
      ErrorCode.CALENDAR_NOT_COVERED,
      `The working-day calendar has no bank holidays for ${error.year}, so the one-working-day deadline cannot be set; an administrator adds the year (npm run holidays:add)`,
    );
  }
}

/** Thrown inside the transaction when a concurrent submission under the same key won. */
class LostRace extends Error {}

async function previousSubmission(
  ctx: SocialcareContext,
  input: ValidContact,
  hash: string,
): Promise<Contact | null> {
  const found = await ctx.dataSource.getRepository(ContactSubmission).findOneBy({
    userId: ctx.principal.user.id,
    idempotencyKey: input.idempotencyKey,
  });
  if (!found) return null;
  if (found.payloadHash !== hash) {
    throw codedError(
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      `You already submitted a different contact under idempotency key ${input.idempotencyKey} (contact ${found.contactId}); use a new key for a new contact`,
      { field: 'idempotencyKey', contactId: found.contactId },
    );
  }
  return ctx.dataSource.getRepository(Contact).findOneByOrFail({ id: found.contactId });
}

function pad(n: string | number, width: number): string {
  return String(n).padStart(width, '0');
}

async function nextNumber(m: EntityManager, sequence: string): Promise<string> {
  const [row] = (await m.query(`SELECT nextval($1)::text AS n`, [sequence])) as { n: string }[];
  return row.n;
}

/** What identifies a new child for `lockNewChildren`: its identifiers, and its names with date of birth. */
function newChildKeys(child: ValidChild): string[] {
  const n = child.newChild;
  if (!n) return [];
  return [
    child.nhsNumber ? `nhs:${child.nhsNumber}` : null,
    child.upn ? `upn:${child.upn}` : null,
    `name:${n.familyName.toLowerCase()}|${n.givenName.toLowerCase()}|${n.dateOfBirth ?? ''}`,
  ].filter((k): k is string => k !== null);
}

/**
 * Two contacts creating the same new child at once (different keys; same identifier, or names and
 * date of birth): the second waits here until the first commits, then finds its child. Every lock
 * of the contact is taken in one statement, in one order, so two contacts about the same siblings
 * listed in different orders cannot deadlock.
 */
async function lockNewChildren(m: EntityManager, children: ValidChild[]): Promise<void> {
  const keys = [...new Set(children.flatMap(newChildKeys))].sort();
  if (keys.length === 0) return;
  await m.query(
    `SELECT count(pg_advisory_xact_lock(hashtext(k)))
       FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS ordered`,
    [keys],
  );
}

/** Existing children a new one may be: same NHS number or UPN, or same names and date of birth. */
async function refuseKnownChild(m: EntityManager, child: ValidChild, i: number): Promise<void> {
  const n = child.newChild;
  if (!n) return;
  const [byIdentifier] = (await m.query(
    `SELECT id FROM children
      WHERE ($1::text IS NOT NULL AND nhs_number = $1) OR ($2::text IS NOT NULL AND upn = $2)
      ORDER BY id LIMIT 1`,
    [child.nhsNumber, child.upn],
  )) as { id: string }[];
  if (byIdentifier) {
    throw codedError(
      ErrorCode.CHILD_ALREADY_KNOWN,
      `Child ${byIdentifier.id} already has this ${child.nhsNumber ? 'NHS number' : 'UPN'}; record the contact for that child (childId)`,
      {
        field: `children[${i}].${child.nhsNumber ? 'nhsNumber' : 'upn'}`,
        childIds: [byIdentifier.id],
      },
    );
  }
  if (n.confirmedNew || n.dateOfBirth === null) return;
  const namesakes = (await m.query(
    `SELECT id FROM children
      WHERE lower(family_name) = lower($1) AND lower(given_name) = lower($2) AND date_of_birth = $3
      ORDER BY id LIMIT 10`,
    [n.familyName, n.givenName, n.dateOfBirth],
  )) as { id: string }[];
  if (namesakes.length > 0) {
    const ids = namesakes.map((r) => r.id);
    throw codedError(
      ErrorCode.CHILD_ALREADY_KNOWN,
      `The local authority already knows ${ids.join(', ')} with this name and date of birth; record the contact for that child (childId), or set confirmedNew if you have checked it is a different child`,
      { field: `children[${i}].newChild`, childIds: ids },
    );
  }
}

async function createChild(
  m: EntityManager,
  child: ValidChild,
  i: number,
  now: Date,
): Promise<string> {
  const n = child.newChild as NonNullable<ValidChild['newChild']>;
  let householdId = n.householdId;
  if (householdId) {
    const [found] = (await m.query(`SELECT id FROM households WHERE id = $1`, [householdId])) as {
      id: string;
    }[];
    if (!found) {
      throw codedError(ErrorCode.NOT_FOUND, `No household ${householdId}`, {
        field: `children[${i}].newChild.householdId`,
      });
    }
  } else if (n.address) {
    householdId = `H${pad(await nextNumber(m, 'household_number_seq'), 6)}`;
    await m.query(`INSERT INTO households (id, address_line, postcode) VALUES ($1, $2, $3)`, [
      householdId,
      n.address.line,
      n.address.postcode,
    ]);
  }
  const id = `SC${await nextNumber(m, 'child_number_seq')}`;
  await m.query(
    `INSERT INTO children (id, given_name, family_name, date_of_birth, expected_date_of_birth,
       sex, ethnicity, nhs_number, upn, household_id, created_at, disability)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      n.givenName,
      n.familyName,
      n.dateOfBirth,
      n.expectedDateOfBirth,
      n.sex,
      n.ethnicity,
      child.nhsNumber,
      child.upn,
      householdId,
      now,
      n.disability,
    ],
  );
  return id;
}

/**
 * How a contact recorded on behalf of another change is recorded (a step-up from early help,
 * earlyhelp/change.ts): every rule of `recordContact` applies but the MASH role check, which the
 * caller made its own.
 */
export interface RecordContactOptions {
  /** The caller has checked that this user may record this contact. */
  authorised?: boolean;
  /**
   * Runs in the contact's transaction once it is stored, before its audit rows, and returns its
   * own audit rows: a change that commits with the contact or not at all.
   */
  within?: (m: EntityManager, contactId: string) => Promise<AuditEntry[]>;
}

/**
 * Records a contact at stage RECEIVED, with a contact-child row per child (new children created
 * first), its one-working-day due instant, and the submission under the user's idempotency key,
 * all in one transaction with its audit rows. A retry of the same payload under the same key
 * returns the first contact; a different payload is IDEMPOTENCY_KEY_REUSED. See the schema.
 */
export async function recordContact(
  raw: RecordContactInput,
  ctx: SocialcareContext,
  options: RecordContactOptions = {},
): Promise<Contact> {
  try {
    return await recordValidContact(raw, ctx, options);
  } catch (error) {
    // An adult recorded as a child, or a name mixing scripts, may be an attempt to reach someone's
    // records: the refusal is recorded (written with the response, nothing else having been).
    const extensions = error instanceof GraphQLError ? error.extensions : {};
    if (typeof extensions.refusal === 'string') {
      ctx.audit.record({
        action: 'CHANGE',
        subject: 'Child',
        childId: null,
        fields: [String(extensions.field)],
        outcome: 'DENIED',
        reason: extensions.refusal,
        lawfulBasis: null,
      });
    }
    throw error;
  }
}

async function recordValidContact(
  raw: RecordContactInput,
  ctx: SocialcareContext,
  options: RecordContactOptions,
): Promise<Contact> {
  // The local authority receives contacts: a contact opens the child's records to every agency in
  // the MASH (it is their legitimate relationship), so partners cannot open one themselves.
  if (!options.authorised) valid.requireMashRole(ctx, 'record contacts', ['SOCIALCARE']);
  const canonical = validate(raw, null);
  const hash = payloadHash(canonical);
  const first = await previousSubmission(ctx, canonical, hash);
  if (first) return first;
  const input = validate(raw, ctx.now);
  const team = input.team ?? defaultTeamOf(ctx.principal.user);
  if (!team) {
    throw badUserInput('team', '`team` is required: you have no socialcare team to default to');
  }
  const receivedAt = input.receivedAt ?? ctx.now;
  const user = ctx.principal.user;
  const decisionDue = oneWorkingDayDue(receivedAt);

  try {
    const contactId = await ctx.dataSource.transaction(async (m) => {
      const id = `CT${pad(await nextNumber(m, 'contact_number_seq'), 7)}`;
      // The submission first: a concurrent retry under the same key waits here for this one.
      const claimed = (await m.query(
        `INSERT INTO contact_submissions (user_id, idempotency_key, payload_hash, contact_id, submitted_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING contact_id`,
        [user.id, input.idempotencyKey, hash, id, ctx.now],
      )) as unknown[];
      if (claimed.length === 0) throw new LostRace();

      const existing = input.children.filter((c) => c.childId).map((c) => c.childId as string);
      const found = (await m.query(
        `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM children WHERE id = ANY($1::text[])`,
        [existing],
      )) as { id: string; dob: string | null }[];
      const known = new Map(found.map((r) => [r.id, r.dob]));
      input.children.forEach((c, i) => {
        if (c.childId && !known.has(c.childId)) {
          throw codedError(ErrorCode.NOT_FOUND, `No child ${c.childId}`, {
            field: `children[${i}].childId`,
          });
        }
        const dob = c.childId ? known.get(c.childId) : null;
        if (dob) {
          refuseAdult(
            dob,
            localDate(receivedAt),
            `children[${i}].childId`,
            `Child ${c.childId} is`,
          );
        }
      });
      await lockNewChildren(m, input.children);
      const childIds: string[] = [];
      const created: string[] = [];
      for (const [i, c] of input.children.entries()) {
        if (c.childId) {
          childIds.push(c.childId);
          continue;
        }
        await refuseKnownChild(m, c, i);
        const newId = await createChild(m, c, i, ctx.now);
        childIds.push(newId);
        created.push(newId);
      }
      await m.query(
        `INSERT INTO contacts (id, received_at, source_code, referrer, concern, team, version, stage,
           recorded_at, recorded_by, decision_due_working_day_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, 'RECEIVED', $7, $8, $9)`,
        [
          id,
          receivedAt,
          input.source,
          input.referrer,
          input.concern,
          team,
          ctx.now,
          user.id,
          decisionDue,
        ],
      );
      await m.query(
        `INSERT INTO contact_children (contact_id, child_id, reported_nhs_number, reported_upn)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [id, childIds, input.children.map((c) => c.nhsNumber), input.children.map((c) => c.upn)],
      );
      const entries: AuditEntry[] = [
        ...created.map((childId) => ({
          action: 'CHANGE' as const,
          subject: 'Child',
          childId,
          fields: ['givenName', 'familyName', 'dateOfBirth', 'sex', 'identifiers', 'household'],
          outcome: 'CHANGED' as const,
          reason: 'CHILD_CREATED',
          lawfulBasis: LAWFUL_BASIS,
        })),
        ...childIds.map((childId) => ({
          action: 'CHANGE' as const,
          subject: `Contact ${id}`,
          childId,
          fields: ['receivedAt', 'source', 'referrer', 'concern', 'team'],
          outcome: 'CHANGED' as const,
          reason: 'CONTACT_RECORDED',
          lawfulBasis: LAWFUL_BASIS,
        })),
        ...(options.within ? await options.within(m, id) : []),
      ];
      await appendAuditIn(m, ctx.principal, entries, ctx.now);
      return id;
    });
    return await ctx.dataSource.getRepository(Contact).findOneByOrFail({ id: contactId });
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    // Another request under the same key committed first: answer as its retry would be.
    return (await previousSubmission(ctx, input, hash)) as Contact;
  }
}
