import type { GraphQLResolveInfo } from 'graphql';
import type { AccessDecision } from '../../../shared/access';
import { decideSensitiveHealth, HealthAccessCode } from '../access';
import type { Principal } from '../../../shared/auth';
import { enforce } from '../../../shared/disclosure';
import { partnerChildField } from '../../../shared/partner/section';
import type { ChildWithRelationship } from '../../../shared/partner/matching';
import { localDate, localMidnight } from '../../../shared/time';
import { childEventDrafts, type ChronologyEvent } from '../chronology';
import type { HealthContext } from '../context';
import { about, recordsOf, summarise, type Section } from './records';

/** A child's section always has the child's id. */
interface ChildSection extends Section {
  childId: string;
}

/**
 * May this user see a child's CAMHS referrals at all? CAMHS is mental health care, so a referral's
 * very existence names a sensitive category: outside health the whole list is withheld, whether
 * or not there is one, so that neither an empty list nor an error gives it away.
 */
function decideCamhs(principal: Principal): AccessDecision {
  const decision = decideSensitiveHealth(principal);
  return decision.allowed
    ? decision
    : {
        ...decision,
        message:
          'CAMHS referrals are mental health records, shared with health roles only; the health ' +
          'summary says whether health holds sensitive information. Ask the health MASH practitioner',
      };
}

/**
 * The child's health chronology, oldest first, as this reader may see it: a sensitive event
 * outside health reads as SENSITIVE_HEALTH with the advice to ask, and each such withholding is
 * recorded.
 */
async function healthEvents(
  child: ChildWithRelationship,
  ctx: HealthContext,
): Promise<ChronologyEvent[]> {
  const match = await ctx.loaders.patientByChild.load(child);
  if (!match.record) return [];
  const drafts = childEventDrafts(await recordsOf(match, ctx), localDate(ctx.now));
  const mayReadSensitive = decideSensitiveHealth(ctx.principal).allowed;
  if (mayReadSensitive) return drafts.map((d) => d.event);
  // Outside health, every sensitive record folds into one stand-in on the local date of the
  // latest: how many there are, and their times (CAMHS dated at midnight, attendances to the
  // minute), would say what the categories are.
  const shown: ChronologyEvent[] = [];
  let standIn: ChronologyEvent | null = null;
  for (const d of drafts) {
    if (!d.outsideHealth) {
      shown.push(d.event);
      continue;
    }
    ctx.audit.record({
      action: 'READ',
      subject: d.subject,
      childId: child.id,
      fields: d.outsideHealth.withheldFields.map((f) => `healthEvents.${f}`),
      outcome: 'WITHHELD',
      reason: HealthAccessCode.WITHHELD_SENSITIVE_HEALTH,
      lawfulBasis: null,
    });
    const at = localMidnight(localDate(d.outsideHealth.event.at));
    if (!standIn || at > standIn.at) standIn = { ...d.outsideHealth.event, at };
  }
  if (standIn) {
    const later = shown.findIndex((e) => e.at > (standIn as ChronologyEvent).at);
    shown.splice(later < 0 ? shown.length : later, 0, standIn);
  }
  return shown;
}

/** Health's resolvers on the child: its section and its chronology. */
export const childResolvers = {
  Child: {
    __resolveReference: (ref: ChildWithRelationship) => ref,
    health: partnerChildField<HealthContext, ChildSection>(
      'HEALTH',
      'HealthSection',
      async (child, ctx) => ({
        childId: child.id,
        subject: 'HealthSection',
        match: await ctx.loaders.patientByChild.load(child),
      }),
    ),
    healthEvents: partnerChildField<HealthContext, ChronologyEvent[]>(
      'HEALTH',
      'HealthEvents',
      healthEvents,
    ),
  },
  HealthSection: {
    match: (s: ChildSection) => s.match,
    summary: (s: ChildSection, _: unknown, ctx: HealthContext) => summarise(s, 'CHILD', ctx),
    patient: (s: ChildSection) => s.match.record,
    attendances: async (s: ChildSection, _: unknown, ctx: HealthContext) =>
      about(s, (await recordsOf(s.match, ctx)).attendances),
    gpRegistrations: async (s: ChildSection, _: unknown, ctx: HealthContext) =>
      (await recordsOf(s.match, ctx)).gpRegistrations,
    communityContacts: async (s: ChildSection, _: unknown, ctx: HealthContext) =>
      (await recordsOf(s.match, ctx)).communityContacts,
    camhsReferrals: async (
      s: ChildSection,
      _: unknown,
      ctx: HealthContext,
      info: GraphQLResolveInfo,
    ) => {
      if (!s.match.record) return [];
      enforce(
        ctx,
        decideCamhs(ctx.principal),
        { childId: s.childId, subject: 'HealthSection.camhsReferrals', info },
        'WITHHELD',
      );
      return (await recordsOf(s.match, ctx)).camhsReferrals;
    },
    maternity: async (s: ChildSection, _: unknown, ctx: HealthContext) => {
      const birth = (await recordsOf(s.match, ctx)).birth;
      return birth ? about(s, [birth])[0] : null;
    },
    safeguardingFlags: async (s: ChildSection, _: unknown, ctx: HealthContext) =>
      (await recordsOf(s.match, ctx)).safeguardingFlags,
  },
};
