import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLError } from 'graphql';
import { AccessCode, accessError, isMashRole, LAWFUL_BASIS } from '../../../shared/access';
import { decideIntelligence } from '../access';
import { AGENCIES, type Agency } from '../../../shared/auth';
import { appendAuditIn } from '../../../shared/audit';
import { enforce } from '../../../shared/disclosure';
import { badUserInput, ErrorCode } from '../../../shared/errors';
import type { PoliceContext } from '../context';
import { IntelligenceClearance, IntelligenceItem } from '../entities';
import type { PersonClearance } from '../loaders';

/**
 * An intelligence item as a section lists it: with the child it was disclosed about (null for an
 * adult) and the agencies its handling conditions are met for, read with the section's records.
 */
export interface ItemAbout extends IntelligenceItem {
  childId: string | null;
  conditionsMetFor: Agency[];
}

/** The agencies one of a person's items is cleared for, in agency order. */
export function clearedAgencies(records: { clearances: PersonClearance[] }, itemId: string) {
  return records.clearances.filter((c) => c.itemId === itemId).map((c) => c.agency as Agency);
}

/** Each intelligence item with the reader's handling-code decision on it. */
export function intelligenceDecisions(
  records: { intelligence: IntelligenceItem[]; clearances: PersonClearance[] },
  ctx: PoliceContext,
) {
  return records.intelligence.map((item) => ({
    item,
    decision: decideIntelligence(
      ctx.principal,
      item.handlingCode as 'P' | 'C',
      clearedAgencies(records, item.id),
    ),
  }));
}

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
  return (i: ItemAbout, _: unknown, ctx: PoliceContext, info: GraphQLResolveInfo) => {
    // P items were disclosed with the section; only C items need a decision of their own.
    if (i.handlingCode === 'C') {
      enforce(
        ctx,
        decideIntelligence(ctx.principal, 'C', i.conditionsMetFor),
        { childId: i.childId, subject: `IntelligenceItem ${i.id}`, fields: [field], info },
        'WITHHELD',
      );
    }
    return i[field];
  };
}

/**
 * Police's resolvers on intelligence: an item's conditioned fields, disclosed or withheld under
 * its handling code, the agencies cleared for it, and the mutation that clears one.
 */
export const intelligenceResolvers = {
  Mutation: {
    recordHandlingConditionsMet: (
      _: unknown,
      { input }: { input: HandlingConditionsInput },
      ctx: PoliceContext,
    ) => recordHandlingConditionsMet(input, ctx),
  },
  IntelligenceItem: {
    ...Object.fromEntries(CONDITIONED_FIELDS.map((f) => [f, conditioned(f)])),
  },
  HandlingConditionsClearance: {
    conditionsMetFor: async (c: IntelligenceClearance, _: unknown, ctx: PoliceContext) =>
      (await ctx.loaders.clearancesByItemId.load(c.itemId)).map((x) => x.agency),
  },
};
