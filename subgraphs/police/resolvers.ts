import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLError } from 'graphql';
import { AccessCode, accessError, isMashRole, LAWFUL_BASIS } from '../../shared/access';
import { decideIntelligence, PoliceAccessCode } from './access';
import { AGENCIES, type Agency } from '../../shared/auth';
import { appendAuditIn, selectedFields } from '../../shared/audit';
import { discloseChildRecord, enforce } from '../../shared/disclosure';
import { type ChildWithRelationship } from '../../shared/partner/matching';
import { badUserInput, ErrorCode } from '../../shared/errors';
import { isValidPncId } from '../../shared/identifiers';
import type { MatchResult } from '../../shared/partner/matching';
import { DateScalar, DateTimeScalar } from '../../shared/scalars';
import { localDate } from '../../shared/time';
import { childViewDisclosureResolvers } from '../../shared/partner/view-disclosures';
import type { PoliceContext } from './context';
import {
  IntelligenceClearance,
  IntelligenceItem,
  type Arrest,
  type MaracReferral,
  type Person,
} from './entities';
import { buildPoliceEvents, uncoveredOccurrences, type ChronologyEvent } from './events';
import type {
  MissingEpisodeWithReference,
  PersonClearance,
  PersonCourtOrder,
  PersonDaNotification,
  PersonOccurrence,
} from './loaders';
import { describePoliceRecord, type DashRiskLevel } from './summary';

/**
 * Police's section of one child or household adult: the match, and what the audit rows name (the
 * child, or no child and the adult in the subject).
 */
interface Section {
  childId: string | null;
  /** `PoliceSection`, or `Adult <id> PoliceAdultSection`. */
  subject: string;
  /** Missing episodes are a child's record; an adult's section leaves them out. */
  isChild: boolean;
  match: MatchResult<Person>;
}

/**
 * A household adult as the gateway hands it to police: socialcare's id, the demographics police
 * match on, and the household's relationship facts (the same shape as a child's).
 */
type AdultWithRelationship = ChildWithRelationship;

/** An intelligence item with the child it was disclosed about (null for an adult). */
interface ItemAbout extends IntelligenceItem {
  childId: string | null;
}

/** Everything police hold about one matched person, loaded in one batch per table. */
interface PersonRecords {
  occurrences: PersonOccurrence[];
  domesticAbuse: PersonDaNotification[];
  missing: MissingEpisodeWithReference[];
  arrests: Arrest[];
  marac: MaracReferral[];
  courtOrders: PersonCourtOrder[];
  intelligence: IntelligenceItem[];
  clearances: PersonClearance[];
}

// Every loader is asked for every matched person, whatever an earlier one found, so a page of
// children costs the same statements as one child.
async function recordsOf(
  personId: string,
  ctx: PoliceContext,
  withMissing: boolean,
): Promise<PersonRecords> {
  const l = ctx.loaders;
  const [
    occurrences,
    domesticAbuse,
    missing,
    arrests,
    marac,
    courtOrders,
    intelligence,
    clearances,
  ] = await Promise.all([
    l.occurrencesByPersonId.load(personId),
    l.daNotificationsByPersonId.load(personId),
    withMissing ? l.missingEpisodesByPersonId.load(personId) : Promise.resolve([]),
    l.arrestsByPersonId.load(personId),
    l.maracReferralsByPersonId.load(personId),
    l.courtOrdersByPersonId.load(personId),
    l.intelligenceByPersonId.load(personId),
    l.clearancesByPersonId.load(personId),
  ]);
  return {
    occurrences,
    domesticAbuse,
    missing,
    arrests,
    marac,
    courtOrders,
    intelligence,
    clearances,
  };
}

/** Each intelligence item with the reader's handling-code decision on it. */
function intelligenceDecisions(records: PersonRecords, ctx: PoliceContext) {
  return records.intelligence.map((item) => ({
    item,
    decision: decideIntelligence(
      ctx.principal,
      item.handlingCode as 'P' | 'C',
      records.clearances.filter((c) => c.itemId === item.id).map((c) => c.agency as Agency),
    ),
  }));
}

/** Whether a court order is in force on the local date `today` (made, and not yet expired). */
function inForce(order: { madeOn: string; expiresOn: string | null }, today: string): boolean {
  return order.madeOn <= today && (order.expiresOn === null || order.expiresOn >= today);
}

async function summarise(section: Section, ctx: PoliceContext): Promise<string> {
  const { match } = section;
  if (match.level === 'NONE') return 'No record in the police person index';
  if (!match.record) return 'Possible match in the police person index; confirm before disclosure';
  const r = await recordsOf(match.record.id, ctx, section.isChild);
  const decided = intelligenceDecisions(r, ctx);
  const withheld = decided.some((d) => !d.decision.allowed);
  if (withheld) {
    // The summary says only that such intelligence is held: no count, no date. That is a
    // withholding, and is recorded.
    ctx.audit.record({
      action: 'READ',
      subject: section.subject,
      childId: section.childId,
      fields: ['summary'],
      outcome: 'WITHHELD',
      reason: PoliceAccessCode.WITHHELD_HANDLING_CODE,
      lawfulBasis: null,
    });
  }
  const today = localDate(ctx.now);
  return describePoliceRecord(
    {
      domesticAbuse: r.domesticAbuse.map((d) => ({
        at: d.occurredAt,
        dashRisk: d.dashRisk as DashRiskLevel,
      })),
      missing: section.isChild ? r.missing : undefined,
      marac: r.marac,
      courtOrders: r.courtOrders.map((o) => ({
        kind: o.kind,
        party: o.party,
        inForce: inForce(o, today),
      })),
      arrests: r.arrests.map((a) => ({
        at: a.arrestedAt,
        offenceCategory: a.offenceCategory,
        outcome: a.outcome,
      })),
      otherOccurrences: uncoveredOccurrences(r.occurrences, r.domesticAbuse, r.missing).map(
        (o) => ({ at: o.occurrence.occurredAt }),
      ),
      intelligence: {
        shown: decided.filter((d) => d.decision.allowed).map((d) => ({ at: d.item.recordedAt })),
        withheld,
      },
    },
    ctx.now,
  );
}

/**
 * The child's police chronology. C-coded items the reader may not see are left out entirely and
 * each omission recorded as withheld; C-coded items they may see are recorded as disclosed on
 * their own basis (their content is in the line), as the item's own fields are.
 */
async function policeEvents(
  child: ChildWithRelationship,
  ctx: PoliceContext,
  info: GraphQLResolveInfo,
): Promise<ChronologyEvent[]> {
  discloseChildRecord(ctx, 'POLICE', child, { childId: child.id, subject: 'PoliceEvents', info });
  const match = await ctx.loaders.personByChild.load(child);
  if (!match.record) return [];
  const r = await recordsOf(match.record.id, ctx, true);
  const fields = selectedFields(info);
  const shown: IntelligenceItem[] = [];
  for (const { item, decision } of intelligenceDecisions(r, ctx)) {
    if (decision.allowed) shown.push(item);
    if (item.handlingCode !== 'C') continue;
    ctx.audit.record({
      action: 'READ',
      subject: `IntelligenceItem ${item.id}`,
      childId: child.id,
      fields,
      outcome: decision.allowed ? 'DISCLOSED' : 'WITHHELD',
      reason: decision.allowed ? decision.basis : decision.code,
      lawfulBasis: decision.allowed ? LAWFUL_BASIS : null,
    });
  }
  return buildPoliceEvents({
    domesticAbuse: r.domesticAbuse,
    missing: r.missing,
    arrests: r.arrests,
    marac: r.marac,
    courtOrders: r.courtOrders,
    occurrences: r.occurrences,
    intelligence: shown,
  });
}

/** A list field of a section: empty unless the match is CONFIRMED or PROBABLE. */
function recordList<T>(load: (ctx: PoliceContext) => (personId: string) => Promise<T[]>) {
  return async (s: Section, _: unknown, ctx: PoliceContext): Promise<T[]> =>
    s.match.record ? load(ctx)(s.match.record.id) : [];
}

/** The fields PoliceSection and PoliceAdultSection share. */
const sectionResolvers = {
  match: (s: Section) => s.match,
  summary: (s: Section, _: unknown, ctx: PoliceContext) => summarise(s, ctx),
  person: (s: Section) => s.match.record,
  intelligence: async (s: Section, _: unknown, ctx: PoliceContext): Promise<ItemAbout[]> => {
    if (!s.match.record) return [];
    const items = await ctx.loaders.intelligenceByPersonId.load(s.match.record.id);
    const about = items.map((i) => ({ ...i, childId: s.childId }));
    // Police read every item newest first. Anyone else gets C-coded items after the P-coded ones,
    // in reference order: their place among dated items would hint at the dates withheld.
    if (decideIntelligence(ctx.principal, 'C', []).allowed) return about;
    return [
      ...about.filter((i) => i.handlingCode !== 'C'),
      ...about.filter((i) => i.handlingCode === 'C').sort((a, b) => a.id.localeCompare(b.id)),
    ];
  },
  domesticAbuse: recordList((ctx) => (id) => ctx.loaders.daNotificationsByPersonId.load(id)),
  arrests: recordList((ctx) => (id) => ctx.loaders.arrestsByPersonId.load(id)),
  maracReferrals: recordList((ctx) => (id) => ctx.loaders.maracReferralsByPersonId.load(id)),
  courtOrders: recordList((ctx) => (id) => ctx.loaders.courtOrdersByPersonId.load(id)),
};

interface HandlingConditionsInput {
  itemId: string;
  agency: Agency;
  note: string;
}

async function recordHandlingConditionsMet(
  input: HandlingConditionsInput,
  ctx: PoliceContext,
): Promise<IntelligenceClearance> {
  const { user } = ctx.principal;
  if (user.agency !== 'POLICE' || !isMashRole(user.role)) {
    throw accessError({
      allowed: false,
      code: AccessCode.FORBIDDEN_ROLE,
      message: 'Only police MASH practitioners and managers record handling conditions as met',
    });
  }
  const note = input.note.trim();
  if (note.length < 10 || note.length > 1000) {
    throw badUserInput('note', '`note` must be 10 to 1000 characters');
  }
  if (!AGENCIES.includes(input.agency)) throw badUserInput('agency', 'Unknown agency');
  return ctx.dataSource.transaction(async (m) => {
    const item = await m.findOneBy(IntelligenceItem, { id: input.itemId });
    if (!item) {
      throw new GraphQLError(`No intelligence item ${input.itemId}`, {
        extensions: { code: ErrorCode.NOT_FOUND, field: 'itemId' },
      });
    }
    if (item.handlingCode !== 'C') {
      throw badUserInput('itemId', 'The item is handling code P; it has no conditions to meet');
    }
    // A retry, or a second officer recording the same thing, changes nothing.
    const inserted = (await m.query(
      `INSERT INTO intelligence_clearances (item_id, agency, recorded_by, recorded_at, note)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (item_id, agency) DO NOTHING RETURNING item_id`,
      [item.id, input.agency, user.id, ctx.now, note],
    )) as unknown[];
    if (inserted.length > 0) {
      await appendAuditIn(
        m,
        ctx.principal,
        [
          {
            action: 'CHANGE',
            subject: `IntelligenceItem ${item.id}`,
            childId: null,
            fields: ['handlingConditionsMetFor.agency', 'handlingConditionsMetFor.note'],
            outcome: 'CHANGED',
            reason: 'HANDLING_CONDITIONS_MET',
            lawfulBasis: LAWFUL_BASIS,
          },
        ],
        ctx.now,
      );
    }
    return (await m.findOneBy(IntelligenceClearance, {
      itemId: item.id,
      agency: input.agency,
    })) as IntelligenceClearance;
  });
}

/** The fields of a C-coded item that only police and cleared agencies see. */
const CONDITIONED_FIELDS = [
  'recordedAt',
  'sourceGrade',
  'informationGrade',
  'handlingConditions',
  'content',
] as const;

/** Resolves one conditioned field: disclosed, or withheld (recorded) under handling code C. */
function conditioned(field: (typeof CONDITIONED_FIELDS)[number]) {
  return async (i: ItemAbout, _: unknown, ctx: PoliceContext, info: GraphQLResolveInfo) => {
    // P items were disclosed with the section; only C items need a decision of their own.
    if (i.handlingCode === 'C') {
      const cleared = (await ctx.loaders.clearancesByItemId.load(i.id)).map(
        (c: IntelligenceClearance) => c.agency as Agency,
      );
      enforce(
        ctx,
        decideIntelligence(ctx.principal, 'C', cleared),
        { childId: i.childId, subject: `IntelligenceItem ${i.id}`, fields: [field], info },
        'WITHHELD',
      );
    }
    return i[field];
  };
}

/**
 * Police's resolvers: its section of a child and of a household adult, and the child's chronology,
 * each matched against its own person index; and what it disclosed in a decision-maker's view.
 */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Child: {
    __resolveReference: (ref: ChildWithRelationship) => ref,
    police: async (
      child: ChildWithRelationship,
      _: unknown,
      ctx: PoliceContext,
      info: GraphQLResolveInfo,
    ): Promise<Section> => {
      discloseChildRecord(ctx, 'POLICE', child, {
        childId: child.id,
        subject: 'PoliceSection',
        info,
      });
      return {
        childId: child.id,
        subject: 'PoliceSection',
        isChild: true,
        match: await ctx.loaders.personByChild.load(child),
      };
    },
    policeEvents: (
      child: ChildWithRelationship,
      _: unknown,
      ctx: PoliceContext,
      info: GraphQLResolveInfo,
    ) => policeEvents(child, ctx, info),
  },
  Adult: {
    __resolveReference: (ref: AdultWithRelationship) => ref,
    police: async (
      adult: AdultWithRelationship,
      _: unknown,
      ctx: PoliceContext,
      info: GraphQLResolveInfo,
    ): Promise<Section> => {
      // The adult carries the household's relationship facts, so the child rule applies as is.
      const subject = `Adult ${adult.id} PoliceAdultSection`;
      discloseChildRecord(ctx, 'POLICE', adult, { childId: null, subject, info });
      return {
        childId: null,
        subject,
        isChild: false,
        match: await ctx.loaders.personByAdult.load(adult),
      };
    },
  },
  // What police disclosed, withheld or refused in a decision-maker's view of a child: their own
  // rows up to the decision; WITHHELD rows only to a POLICE reader (shared/view-disclosures.ts).
  ChildView: childViewDisclosureResolvers<PoliceContext>(
    'POLICE',
    'policeDisclosures',
    (ctx) => ctx.loaders.viewDisclosuresByKey,
  ),
  Mutation: {
    recordHandlingConditionsMet: (
      _: unknown,
      { input }: { input: HandlingConditionsInput },
      ctx: PoliceContext,
    ) => recordHandlingConditionsMet(input, ctx),
  },
  PoliceSection: {
    ...sectionResolvers,
    occurrences: async (s: Section, _: unknown, ctx: PoliceContext) => {
      if (!s.match.record) return [];
      const linked = await ctx.loaders.occurrencesByPersonId.load(s.match.record.id);
      return linked.map((l: PersonOccurrence) => ({ ...l.occurrence, role: l.role }));
    },
    missingEpisodes: recordList((ctx) => (id) => ctx.loaders.missingEpisodesByPersonId.load(id)),
  },
  PoliceAdultSection: sectionResolvers,
  MaracReferral: {
    domesticAbuseNotificationId: (m: MaracReferral) => m.daNotificationId,
  },
  PoliceCourtOrder: {
    inForce: (o: PersonCourtOrder, _: unknown, ctx: PoliceContext) =>
      inForce(o, localDate(ctx.now)),
  },
  IntelligenceItem: {
    conditionsMetFor: async (i: ItemAbout, _: unknown, ctx: PoliceContext) =>
      (await ctx.loaders.clearancesByItemId.load(i.id)).map((c: IntelligenceClearance) => c.agency),
    ...Object.fromEntries(CONDITIONED_FIELDS.map((f) => [f, conditioned(f)])),
  },
  HandlingConditionsClearance: {
    conditionsMetFor: async (c: IntelligenceClearance, _: unknown, ctx: PoliceContext) =>
      (await ctx.loaders.clearancesByItemId.load(c.itemId)).map((x) => x.agency),
  },
  PolicePerson: {
    pncIdValid: (p: Person) => (p.pncId ? isValidPncId(p.pncId) : null),
  },
};
