import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { badUserInput, escapeLike } from '../../shared/errors';
import { normaliseNhsNumber, normaliseUpn } from '../../shared/identifiers';
import { ageInYears, localDate } from '../../shared/time';
import { CONTACT_SOURCES } from './codes';
import type { SocialcareContext } from './context';
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
  const name = args.name?.trim() ?? '';
  if (name.length > MAX_NAME_LENGTH) {
    throw badUserInput('name', `\`name\` must be at most ${MAX_NAME_LENGTH} characters`);
  }
  const nhsNumber = args.nhsNumber ? normaliseNhsNumber(args.nhsNumber) : '';
  if (args.nhsNumber && !/^\d{10}$/.test(nhsNumber)) {
    throw badUserInput('nhsNumber', '`nhsNumber` must be 10 digits');
  }
  const upn = args.upn ? normaliseUpn(args.upn) : '';
  if (args.upn && !/^[A-Z0-9]{13}$/.test(upn)) {
    throw badUserInput('upn', '`upn` must be 13 letters and digits');
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

/** Socialcare's resolvers: children, households, contacts and referrals. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    child: (_: unknown, { id }: { id: string }, ctx: SocialcareContext) =>
      ctx.loaders.childById.load(id),
    searchChildren: (_: unknown, args: SearchArgs, ctx: SocialcareContext) =>
      searchChildren(args, ctx),
  },
  Child: {
    __resolveReference: (ref: { id: string }, ctx: SocialcareContext) =>
      ctx.loaders.childById.load(ref.id),
    unborn: (c: Child) => c.dateOfBirth === null,
    ageInYears: (c: Child, _: unknown, ctx: SocialcareContext) =>
      c.dateOfBirth ? ageInYears(c.dateOfBirth, localDate(ctx.now)) : null,
    postcode: async (c: Child, _: unknown, ctx: SocialcareContext) =>
      c.householdId
        ? ((await ctx.loaders.householdById.load(c.householdId))?.postcode ?? null)
        : null,
    household: (c: Child, _: unknown, ctx: SocialcareContext) =>
      c.householdId ? ctx.loaders.householdById.load(c.householdId) : null,
    contacts: async (c: Child, _: unknown, ctx: SocialcareContext) => {
      const decisions = await ctx.loaders.decisionsByChildId.load(c.id);
      const found = await ctx.loaders.contactById.loadMany(decisions.map((d) => d.contactId));
      return found
        .filter((x): x is Contact => x !== null && !(x instanceof Error))
        .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
    },
    referrals: (c: Child, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.referralsByChildId.load(c.id),
  },
  Household: {
    adults: (h: Household, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.adultsByHouseholdId.load(h.id),
    children: (h: Household, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.childrenByHouseholdId.load(h.id),
  },
  Adult: {
    __resolveReference: (ref: { id: string }, ctx: SocialcareContext): Promise<Adult | null> =>
      ctx.loaders.adultById.load(ref.id),
  },
  Contact: {
    source: (c: Contact) => ({
      code: c.sourceCode,
      label: CONTACT_SOURCES[c.sourceCode] ?? 'Unknown',
    }),
    decisions: (c: Contact, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.decisionsByContactId.load(c.id),
  },
  ContactDecision: {
    child: (d: ContactChild, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.childById.load(d.childId),
  },
};
