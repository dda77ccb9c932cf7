import type { GraphQLResolveInfo } from 'graphql';
import { decideIdentification } from '../access';
import { selectedFields } from '../../../shared/audit';
import { enforce } from '../../../shared/disclosure';
import type { SocialcareContext } from '../context';
import { relationshipBasis, relationshipGrant } from '../relationship';
import type { Contact, ContactChild, DecisionView, PartnerCheck, Referral } from '../entities';
import { discloseContact } from './access';
import { checkClock, contactClocks, nextDueAt, outstanding, referralClock } from './clocks';
import { mashQueue, type MashQueueArgs } from './queue';
import { recordContact, type RecordContactInput } from './record';
import { inSnapshot, readContacts } from './snapshot';
import {
  completeReferral,
  type CompleteReferralInput,
  recordPartnerCheck,
  recordThresholdDecision,
  requestPartnerChecks,
  screenContact,
  type RecordPartnerCheckInput,
  type RecordThresholdDecisionInput,
  type RequestPartnerChecksInput,
  type ChangeOutcome,
  type ScreenContactInput,
} from './transitions';
import * as valid from './validate';

/**
 * One contact by id for its reader (frontdoor/access.ts), or null when there is none. The contact,
 * its children's relationship facts the disclosure rests on, and what its fields show are read in
 * one snapshot (snapshot.ts), as a queue row is.
 */
async function contactById(ctx: SocialcareContext, id: string, info: GraphQLResolveInfo) {
  const identification = decideIdentification(ctx.principal);
  if (!identification.allowed) {
    enforce(ctx, identification, { childId: null, subject: 'Contact', info });
  }
  const contactId = valid.id(id, 'id');
  const [row] = await inSnapshot(ctx.dataSource, (m) =>
    readContacts(m, ctx, [contactId], selectedFields(info), true),
  );
  if (!row) return null;
  await discloseContact(ctx, row.contact, info);
  return row.contact;
}

/**
 * A change's answer. A retry of a change already made changes nothing and answers with the
 * contact as it is, so it is a read: disclosed only as `contact` would be (a retry must not open a
 * closed contact to someone who could not read it).
 */
async function answer(
  ctx: SocialcareContext,
  info: GraphQLResolveInfo,
  outcome: Promise<ChangeOutcome>,
): Promise<Contact> {
  const { contact, unchanged } = await outcome;
  if (unchanged) await discloseContact(ctx, contact, info);
  return contact;
}

/** The decision a view informed. */
async function decisionOf(ctx: SocialcareContext, v: DecisionView): Promise<ContactChild | null> {
  const decisions = await ctx.loaders.decisionsByContactId.load(v.contactId);
  return decisions.find((d) => d.childId === v.childId) ?? null;
}

async function checksOf(ctx: SocialcareContext, contact: Contact): Promise<PartnerCheck[]> {
  return ctx.loaders.checksByContactId.load(contact.id);
}

/** The front door's resolvers: contacts, their stages and clocks, the queue, the mutations. */
export const frontDoorResolvers = {
  Query: {
    contact: (
      _: unknown,
      { id }: { id: string },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => contactById(ctx, id, info),
    mashQueue: (
      _: unknown,
      args: MashQueueArgs,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => mashQueue(args, ctx, info),
  },
  Mutation: {
    recordContact: (_: unknown, { input }: { input: RecordContactInput }, ctx: SocialcareContext) =>
      recordContact(input, ctx),
    screenContact: (
      _: unknown,
      { input }: { input: ScreenContactInput },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, screenContact(input, ctx)),
    requestPartnerChecks: (
      _: unknown,
      { input }: { input: RequestPartnerChecksInput },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, requestPartnerChecks(input, ctx)),
    recordPartnerCheck: (
      _: unknown,
      { input }: { input: RecordPartnerCheckInput },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, recordPartnerCheck(input, ctx)),
    recordThresholdDecision: (
      _: unknown,
      { input }: { input: RecordThresholdDecisionInput },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, recordThresholdDecision(input, ctx)),
    completeReferral: (
      _: unknown,
      { input }: { input: CompleteReferralInput },
      ctx: SocialcareContext,
    ) => completeReferral(input, ctx),
  },
  Contact: {
    ratings: (c: Contact, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.ratingsByContactId.load(c.id),
    partnerChecks: (c: Contact, _: unknown, ctx: SocialcareContext) => checksOf(ctx, c),
    outstandingChecks: async (c: Contact, _: unknown, ctx: SocialcareContext) =>
      outstanding(await checksOf(ctx, c)).map((check) => check.agency),
    clocks: (c: Contact, _: unknown, ctx: SocialcareContext) => contactClocks(c, ctx.now),
    nextDueAt: async (c: Contact, _: unknown, ctx: SocialcareContext) =>
      nextDueAt(c, await checksOf(ctx, c), ctx.now),
  },
  PartnerCheck: {
    clock: (check: PartnerCheck, _: unknown, ctx: SocialcareContext) => checkClock(check, ctx.now),
  },
  ContactDecision: {
    referral: async (d: ContactChild, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.referralsByContactId.load(d.contactId)).find(
        (r) => r.childId === d.childId,
      ) ?? null,
    informedBy: async (d: ContactChild, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.decisionViewsByContactId.load(d.contactId)).filter(
        (v) => v.childId === d.childId,
      ),
  },
  Referral: {
    clock: (r: Referral, _: unknown, ctx: SocialcareContext) => referralClock(r, ctx.now),
  },
  ChildView: {
    __resolveReference: async (
      ref: { contactId: string; childId: string; requestId: string },
      ctx: SocialcareContext,
    ) =>
      (await ctx.loaders.decisionViewsByContactId.load(ref.contactId)).find(
        (v) => v.childId === ref.childId && v.requestId === ref.requestId,
      ) ?? null,
    viewerId: async (v: DecisionView, _: unknown, ctx: SocialcareContext) =>
      (await decisionOf(ctx, v))?.decidedBy ?? null,
    until: async (v: DecisionView, _: unknown, ctx: SocialcareContext) =>
      (await decisionOf(ctx, v))?.decidedAt ?? null,
    hasOpenContact: async (v: DecisionView, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.relationshipByChildId.load(v.childId))?.hasOpenContact ?? false,
    caseTeam: async (v: DecisionView, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.relationshipByChildId.load(v.childId))?.caseTeam ?? null,
    relationshipGrant: (
      v: DecisionView,
      _: unknown,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) =>
      relationshipGrant(
        ctx,
        { type: 'Child', id: v.childId },
        relationshipBasis(ctx, v.childId, info),
      ),
  },
};
