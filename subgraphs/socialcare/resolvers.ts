import type { GraphQLResolveInfo } from 'graphql';
import { AccessCode, type AccessDecision } from '../../shared/access';
import { decideIdentification } from './access';
import { selectedFields } from '../../shared/audit';
import { enforce } from '../../shared/disclosure';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { badUserInput, escapeLike } from '../../shared/errors';
import {
  isValidNhsNumber,
  isValidUpn,
  normaliseNhsNumber,
  normaliseUpn,
} from '../../shared/identifiers';
import { cleanName } from '../../shared/names';
import { ageInYears, localDate } from '../../shared/time';
import { CONTACT_SOURCE_CODES, CONTACT_SOURCES } from './codes';
import { childParts, showsMoreThanRow } from './childRecords';
import { mergedChronology, PARTNER_EVENT_FIELDS, type ChildWithEvents } from './chronology';
import {
  adultRelationshipBasis,
  decideForChild,
  GATED_CHILD_FIELDS,
  relationshipBasis,
  relationshipGrant,
} from './relationship';
import type { SocialcareContext } from './context';
import { recordMatchDecision, type RecordMatchDecisionInput } from './matchDecisions';
import { frontDoorResolvers } from './frontdoor/resolvers';
import { analyticsResolvers } from './analytics/resolvers';
import { earlyHelpResolvers } from './earlyhelp/resolvers';
import { decideReadEpisodes } from './earlyhelp/access';
import { episodesOfChild } from './earlyhelp/read';
import { Child, type Adult, type Contact, type ContactChild, type Household } from './entities';

/** Longest name search accepted; longer input is a mistake, not a name. */
const MAX_NAME_LENGTH = 100;

interface SearchArgs {
  name?: string | null;
  dateOfBirth?: string | null;
  nhsNumber?: string | null;
  upn?: string | null;
  postcode?: string | null;
  first?: number | null;
}

async function searchChildren(args: SearchArgs, ctx: SocialcareContext): Promise<Child[]> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 200) {
    throw badUserInput('first', '`first` must be between 1 and 200');
  }
  // As names are stored (shared/names.ts): an invisible character typed in finds nothing else.
  const name = cleanName(args.name ?? '');
  if (name.length > MAX_NAME_LENGTH) {
    throw badUserInput('name', `\`name\` must be at most ${MAX_NAME_LENGTH} characters`);
  }
  const nhsNumber = args.nhsNumber ? normaliseNhsNumber(args.nhsNumber) : '';
  if (args.nhsNumber && !/^\d{10}$/.test(nhsNumber)) {
    throw badUserInput('nhsNumber', '`nhsNumber` must be 10 digits');
  }
  if (args.nhsNumber && !isValidNhsNumber(nhsNumber)) {
    throw badUserInput(
      'nhsNumber',
      '`nhsNumber` fails its modulus-11 check, so it was mistyped; check it, or search by name and date of birth',
    );
  }
  const upn = args.upn ? normaliseUpn(args.upn) : '';
  if (args.upn && !/^[A-Z0-9]{13}$/.test(upn)) {
    throw badUserInput('upn', '`upn` must be 13 letters and digits');
  }
  if (args.upn && !isValidUpn(upn)) {
    throw badUserInput(
      'upn',
      '`upn` fails its check letter, so it was mistyped; check it, or search by name and date of birth',
    );
  }
  const postcode = args.postcode ? args.postcode.replace(/\s/g, '').toUpperCase() : '';
  if (args.postcode && !/^[A-Z0-9]{2,7}$/.test(postcode)) {
    throw badUserInput('postcode', '`postcode` must be 2 to 7 letters and digits');
  }
  if (!name && !args.dateOfBirth && !nhsNumber && !upn && !postcode) {
    throw badUserInput(
      'searchChildren',
      'Give at least one of name, dateOfBirth, nhsNumber, upn or postcode to search',
    );
  }

  const qb = ctx.dataSource.getRepository(Child).createQueryBuilder('c');
  name
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .forEach((token, i) => {
      qb.andWhere(`(lower(c.given_name) LIKE :t${i} OR lower(c.family_name) LIKE :t${i})`, {
        [`t${i}`]: `${escapeLike(token)}%`,
      });
    });
  if (args.dateOfBirth) qb.andWhere('c.date_of_birth = :dob', { dob: args.dateOfBirth });
  if (nhsNumber) qb.andWhere('c.nhs_number = :nhs', { nhs: nhsNumber });
  if (upn) qb.andWhere('c.upn = :upn', { upn });
  if (postcode) {
    qb.andWhere(
      `c.household_id IN (SELECT h.id FROM households h
                           WHERE replace(upper(h.postcode), ' ', '') LIKE :postcode)`,
      { postcode: `${escapeLike(postcode)}%` },
    );
  }
  return qb
    .orderBy('c.family_name', 'ASC')
    .addOrderBy('c.given_name', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .limit(first)
    .getMany();
}

// The gated parts' resolvers record their own disclosures; the identity fields around them are
// recorded as an identification.

function identityFields(fields: string[]): string[] {
  return fields.filter((f) => !GATED_CHILD_FIELDS.includes(f.split('.')[0]));
}

/**
 * Identification of children (a lookup, a search, or the gateway fetching a child's identity for a
 * partner's check) is allowed for MASH roles and socialcare's own practitioners. Checks it before
 * anything is read (recording and throwing a refusal), then returns a function that records what
 * was disclosed, per child. The child a request breaks glass for, when the user has no other
 * relationship with it, is recorded on the basis BREAK_GLASS: every child view passes through
 * here, so the manager's review sees break-glass use even when only a partner's section was read.
 * `selected` is `selectedFields(info)`, for a caller that has it already.
 */
function identification(
  ctx: SocialcareContext,
  info: GraphQLResolveInfo,
  selected: string[] = selectedFields(info),
) {
  const fields = identityFields(selected);
  const decision = decideIdentification(ctx.principal);
  if (!decision.allowed) enforce(ctx, decision, { childId: null, subject: 'Child', fields, info });
  return async <T extends Child | null>(children: T[]): Promise<T[]> => {
    const found = children.filter((c): c is NonNullable<T> => c !== null);
    const named = ctx.principal.breakGlassChildId;
    for (const child of found) {
      const onBreakGlass =
        child.id === named && (await relationshipBasis(ctx, child.id, info)) === 'BREAK_GLASS';
      enforce(ctx, onBreakGlass ? { allowed: true, basis: 'BREAK_GLASS' } : decision, {
        childId: child.id,
        subject: 'Child',
        fields,
        info,
      });
    }
    return children;
  };
}

async function gate(
  ctx: SocialcareContext,
  child: Child,
  field: string,
  info: GraphQLResolveInfo,
): Promise<void> {
  enforce(ctx, await decideForChild(ctx, child.id, info), {
    childId: child.id,
    subject: `Child.${field}`,
    info,
  });
}

interface BreakGlassArgs {
  since: Date;
  first?: number | null;
}

async function breakGlassAccesses(
  args: BreakGlassArgs,
  ctx: SocialcareContext,
  info: GraphQLResolveInfo,
) {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 500) {
    throw badUserInput('first', '`first` must be between 1 and 500');
  }
  const { role, team } = ctx.principal.user;
  const decision: AccessDecision =
    role === 'ADMIN' || (role === 'MASH_MANAGER' && team !== null)
      ? { allowed: true, basis: 'OWN_AGENCY' }
      : {
          allowed: false,
          code: AccessCode.FORBIDDEN_ROLE,
          message:
            'Only a MASH manager (for their own team) or an admin reviews break-glass access',
        };
  // The review names children and reasons: reading it is recorded like any disclosure.
  enforce(ctx, decision, { childId: null, subject: 'BreakGlassAccesses', info });
  return ctx.dataSource.query(
    `SELECT seq::text AS "auditSeq", occurred_at AS "occurredAt", request_id AS "requestId",
            user_id AS "userId", user_role AS "userRole", user_agency AS "userAgency",
            user_team AS "userTeam", break_glass_reason AS "reason", purpose,
            child_id AS "childId", subject, fields, outcome = 'DENIED' AS refused
       FROM audit_log
      WHERE ((reason = 'BREAK_GLASS' AND outcome = 'DISCLOSED')
             OR (reason = 'BREAK_GLASS_ALLOWANCE_EXCEEDED' AND outcome = 'DENIED'))
        AND occurred_at >= $1
        AND ($2::text IS NULL OR user_team = $2)
      ORDER BY seq DESC
      LIMIT $3`,
    [args.since, role === 'ADMIN' ? null : team, first],
  );
}

const CONTACT_SOURCE_LIST = CONTACT_SOURCE_CODES.map((code) => ({
  code,
  label: CONTACT_SOURCES[code],
}));

/** Socialcare's resolvers: children, households, contacts, referrals and the analysts' measures. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    child: async (
      _: unknown,
      { id }: { id: string },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => {
      if (id.length > 64) throw badUserInput('id', '`id` must be at most 64 characters');
      const selected = selectedFields(info);
      const disclosed = identification(ctx, info, selected);
      const child = await ctx.loaders.childRecordById(childParts(selected)).load(id);
      return (await disclosed([child]))[0];
    },
    searchChildren: async (
      _: unknown,
      args: SearchArgs,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => {
      const selected = selectedFields(info);
      const disclosed = identification(ctx, info, selected);
      const children = await searchChildren(args, ctx);
      // What the page shows beyond the rows (facts, postcodes, match links) in one more statement.
      if (children.length > 0 && showsMoreThanRow(selected)) {
        await ctx.loaders.childRecordById(childParts(selected)).loadMany(children.map((c) => c.id));
      }
      return disclosed(children);
    },
    breakGlassAccesses: (
      _: unknown,
      args: BreakGlassArgs,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => breakGlassAccesses(args, ctx, info),
    // Reference data: no child in it, so no access rule beyond signing in and nothing to audit.
    contactSources: () => CONTACT_SOURCE_LIST,
    ...frontDoorResolvers.Query,
    ...analyticsResolvers.Query,
    ...earlyHelpResolvers.Query,
  },
  Mutation: {
    ...frontDoorResolvers.Mutation,
    ...earlyHelpResolvers.Mutation,
    recordMatchDecision: (
      _: unknown,
      { input }: { input: RecordMatchDecisionInput },
      ctx: SocialcareContext,
    ) => recordMatchDecision(input, ctx),
  },
  Child: {
    // Which agencies hold a record of the child is itself a child-level fact: gated like household.
    matchDecisions: async (
      c: Child,
      _: unknown,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => {
      await gate(ctx, c, 'matchDecisions', info);
      return ctx.loaders.matchDecisionsByChildId.load(c.id);
    },
    // Only the gateway's planner reads this (it is @inaccessible), to hand each partner its own
    // references back for its match: it discloses nothing to the reader, so it is not recorded.
    // A reader with no relationship gets no links (the partner refuses them anyway).
    matchLinks: async (c: Child, _: unknown, ctx: SocialcareContext) => {
      const decision = await decideForChild(ctx, c.id);
      return decision.allowed ? ctx.loaders.matchDecisionsByChildId.load(c.id) : [];
    },
    __resolveReference: async (
      ref: { id: string } & Partial<ChildWithEvents>,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => {
      const selected = selectedFields(info);
      const disclosed = identification(ctx, info, selected);
      const read = ctx.loaders.childRecordById(childParts(selected));
      const [child] = await disclosed([await read.load(ref.id)]);
      // The partners' events the gateway fetched for `chronology` (its `@requires`) arrive in the
      // representation, not in the database.
      return child
        ? {
            ...child,
            ...Object.fromEntries(
              PARTNER_EVENT_FIELDS.map((f) => [f, (ref as Record<string, unknown>)[f]]),
            ),
          }
        : null;
    },
    hasOpenContact: async (c: Child, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.relationshipByChildId.load(c.id))?.hasOpenContact ?? false,
    relationshipGrant: (c: Child, _: unknown, ctx: SocialcareContext, info: GraphQLResolveInfo) =>
      relationshipGrant(ctx, { type: 'Child', id: c.id }, relationshipBasis(ctx, c.id, info)),
    caseTeam: async (c: Child, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.relationshipByChildId.load(c.id))?.caseTeam ?? null,
    unborn: (c: Child) => c.dateOfBirth === null,
    ageInYears: (c: Child, _: unknown, ctx: SocialcareContext) =>
      c.dateOfBirth ? ageInYears(c.dateOfBirth, localDate(ctx.now)) : null,
    postcode: async (c: Child, _: unknown, ctx: SocialcareContext) =>
      c.householdId
        ? ((await ctx.loaders.householdById.load(c.householdId))?.postcode ?? null)
        : null,
    household: async (c: Child, _: unknown, ctx: SocialcareContext, info: GraphQLResolveInfo) => {
      await gate(ctx, c, 'household', info);
      return c.householdId ? ctx.loaders.householdById.load(c.householdId) : null;
    },
    contacts: async (c: Child, _: unknown, ctx: SocialcareContext, info: GraphQLResolveInfo) => {
      await gate(ctx, c, 'contacts', info);
      const decisions = await ctx.loaders.decisionsByChildId.load(c.id);
      const found = await ctx.loaders.contactById.loadMany(decisions.map((d) => d.contactId));
      return found
        .filter((x): x is Contact => x !== null && !(x instanceof Error))
        .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
    },
    chronology: async (
      c: ChildWithEvents,
      { since }: { since?: Date | null },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => {
      await gate(ctx, c, 'chronology', info);
      return mergedChronology(c, ctx, since ?? null);
    },
    referrals: async (c: Child, _: unknown, ctx: SocialcareContext, info: GraphQLResolveInfo) => {
      await gate(ctx, c, 'referrals', info);
      return ctx.loaders.referralsByChildId.load(c.id);
    },
    earlyHelpEpisodes: async (
      c: Child,
      _: unknown,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => {
      const byRole = decideReadEpisodes(ctx.principal, null);
      enforce(ctx, byRole.allowed ? await decideForChild(ctx, c.id, info) : byRole, {
        childId: c.id,
        subject: 'Child.earlyHelpEpisodes',
        info,
      });
      return episodesOfChild(ctx, c.id);
    },
  },
  EarlyHelpEpisode: earlyHelpResolvers.EarlyHelpEpisode,
  Household: {
    adults: (h: Household, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.adultsByHouseholdId.load(h.id),
    // Each sibling is a child of its own: identified, recorded under its own id, and its own
    // records gated on its own relationship.
    children: async (h: Household, _: unknown, ctx: SocialcareContext, info: GraphQLResolveInfo) =>
      identification(ctx, info)(await ctx.loaders.childrenByHouseholdId.load(h.id)),
  },
  Adult: {
    // An adult reached by reference (a partner checking the household) is identified under the
    // same rule as a child, and recorded.
    __resolveReference: async (
      ref: { id: string },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ): Promise<Adult | null> => {
      const decision = decideIdentification(ctx.principal);
      const request = { childId: null, subject: `Adult ${ref.id}`, info };
      if (!decision.allowed) enforce(ctx, decision, request);
      const adult = await ctx.loaders.adultById.load(ref.id);
      if (adult) enforce(ctx, decision, request);
      return adult;
    },
    postcode: async (a: Adult, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.householdById.load(a.householdId))?.postcode ?? null,
    hasOpenContact: async (a: Adult, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.relationshipByHouseholdId.load(a.householdId))?.hasOpenContact ?? false,
    relationshipGrant: (a: Adult, _: unknown, ctx: SocialcareContext, info: GraphQLResolveInfo) =>
      relationshipGrant(
        ctx,
        { type: 'Adult', id: a.id },
        adultRelationshipBasis(ctx, a.householdId, info),
      ),
    // The household may have cases with several teams (one per child): the reader's own team,
    // when it holds one of them, is the one that makes their check legitimate.
    caseTeam: async (a: Adult, _: unknown, ctx: SocialcareContext) => {
      const r = await ctx.loaders.relationshipByHouseholdId.load(a.householdId);
      const team = ctx.principal.user.team;
      return team && r?.caseTeams.includes(team) ? team : (r?.caseTeam ?? null);
    },
  },
  Contact: {
    ...frontDoorResolvers.Contact,
    source: (c: Contact) => ({
      code: c.sourceCode,
      label: CONTACT_SOURCES[c.sourceCode] ?? 'Unknown',
    }),
    decisions: (c: Contact, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.decisionsByContactId.load(c.id),
  },
  PartnerCheck: frontDoorResolvers.PartnerCheck,
  Referral: frontDoorResolvers.Referral,
  ChildView: frontDoorResolvers.ChildView,
  ContactDecision: {
    ...frontDoorResolvers.ContactDecision,
    child: async (d: ContactChild, _: unknown, ctx: SocialcareContext, info: GraphQLResolveInfo) =>
      (await identification(ctx, info)([await ctx.loaders.childById.load(d.childId)]))[0],
  },
};
