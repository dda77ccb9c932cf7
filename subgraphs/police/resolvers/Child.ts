import type { GraphQLResolveInfo } from 'graphql';
import { LAWFUL_BASIS } from '../../../shared/access';
import { selectedFields } from '../../../shared/audit';
import { partnerChildField } from '../../../shared/partner/section';
import { type ChildWithRelationship } from '../../../shared/partner/matching';
import type { PoliceContext } from '../context';
import type { IntelligenceItem } from '../entities';
import { buildPoliceEvents, type ChronologyEvent } from '../events';
import { intelligenceDecisions } from './intelligence';
import { recordsOf, type Section } from './section';

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

/** Police's resolvers on the child: its section and its chronology. */
export const childResolvers = {
  Child: {
    __resolveReference: (ref: ChildWithRelationship) => ref,
    police: partnerChildField<PoliceContext, Section>(
      'POLICE',
      'PoliceSection',
      async (child, ctx) => ({
        childId: child.id,
        subject: 'PoliceSection',
        isChild: true,
        match: await ctx.loaders.personByChild.load(child),
      }),
    ),
    policeEvents: partnerChildField<PoliceContext, ChronologyEvent[]>(
      'POLICE',
      'PoliceEvents',
      policeEvents,
    ),
  },
};
