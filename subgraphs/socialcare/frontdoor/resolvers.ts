import type { GraphQLResolveInfo } from 'graphql';
import { decideIdentification, type AccessDecision } from '../../../shared/access';
import { enforce } from '../../../shared/disclosure';
import type { SocialcareContext } from '../context';
import type { Contact, ContactChild, PartnerCheck, Referral } from '../entities';
import { decideForChild } from '../relationship';
import { checkClock, contactClocks, nextDueAt, outstanding, referralClock } from './clocks';
import { mashQueue, type MashQueueArgs } from './queue';
import { recordContact, type RecordContactInput } from './record';
import {
  completeReferral,
  recordPartnerCheck,
  recordThresholdDecision,
  requestPartnerChecks,
  screenContact,
  type RecordPartnerCheckInput,
  type RecordThresholdDecisionInput,
  type RequestPartnerChecksInput,
  type ScreenContactInput,
} from './transitions';
import * as valid from './validate';

/**
 * One contact for its reader: identification is checked first (MASH roles and socialcare's own
 * practitioners), then a legitimate relationship with any child on it (or break-glass). Every
 * child on it is recorded on the basis found.
 */
async function contactById(ctx: SocialcareContext, id: string, info: GraphQLResolveInfo) {
  const contactId = valid.id(id, 'id');
  const identification = decideIdentification(ctx.principal);
  if (!identification.allowed) {
    enforce(ctx, identification, { childId: null, subject: 'Contact', info });
  }
  const contact = await ctx.loaders.contactById.load(contactId);
  if (!contact) return null;
  const children = await ctx.loaders.decisionsByContactId.load(contact.id);
  const decisions = await Promise.all(children.map((c) => decideForChild(ctx, c.childId)));
  const allowed = decisions.find((d) => d.allowed);
  const decision: AccessDecision = allowed ?? decisions[0];
  for (const c of children) {
    enforce(ctx, decision, { childId: c.childId, subject: `Contact ${contact.id}`, info });
  }
  return contact;
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
    screenContact: (_: unknown, { input }: { input: ScreenContactInput }, ctx: SocialcareContext) =>
      screenContact(input, ctx),
    requestPartnerChecks: (
      _: unknown,
      { input }: { input: RequestPartnerChecksInput },
      ctx: SocialcareContext,
    ) => requestPartnerChecks(input, ctx),
    recordPartnerCheck: (
      _: unknown,
      { input }: { input: RecordPartnerCheckInput },
      ctx: SocialcareContext,
    ) => recordPartnerCheck(input, ctx),
    recordThresholdDecision: (
      _: unknown,
      { input }: { input: RecordThresholdDecisionInput },
      ctx: SocialcareContext,
    ) => recordThresholdDecision(input, ctx),
    completeReferral: (
      _: unknown,
      { input }: { input: { referralId: string } },
      ctx: SocialcareContext,
    ) => completeReferral(input, ctx),
  },
  Contact: {
    ratings: (c: Contact, _: unknown, ctx: SocialcareContext) =>
      ctx.loaders.ratingsByContactId.load(c.id),
    partnerChecks: async (c: Contact, _: unknown, ctx: SocialcareContext) =>
      (await checksOf(ctx, c)).map((check) => ({ ...check, contact: c })),
    outstandingChecks: async (c: Contact, _: unknown, ctx: SocialcareContext) =>
      outstanding(await checksOf(ctx, c)).map((check) => check.agency),
    clocks: async (c: Contact, _: unknown, ctx: SocialcareContext) =>
      contactClocks(c, await checksOf(ctx, c), ctx.ragTargets, ctx.now),
    nextDueAt: async (c: Contact, _: unknown, ctx: SocialcareContext) =>
      nextDueAt(c, await checksOf(ctx, c), ctx.ragTargets, ctx.now),
  },
  PartnerCheck: {
    clock: (check: PartnerCheck & { contact: Contact }, _: unknown, ctx: SocialcareContext) =>
      checkClock(check, check.contact, ctx.ragTargets, ctx.now),
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
    __resolveReference: (ref: { requestId: string; childId: string }, ctx: SocialcareContext) =>
      ctx.loaders.childViewByKey.load(`${ref.requestId}|${ref.childId}`),
    hasOpenContact: async (v: { childId: string }, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.relationshipByChildId.load(v.childId))?.hasOpenContact ?? false,
    caseTeam: async (v: { childId: string }, _: unknown, ctx: SocialcareContext) =>
      (await ctx.loaders.relationshipByChildId.load(v.childId))?.caseTeam ?? null,
  },
};
