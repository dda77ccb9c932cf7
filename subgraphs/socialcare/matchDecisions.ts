import { GraphQLError } from 'graphql';
import { IsNull } from 'typeorm';
import { accessError, AccessCode, isMashRole, LAWFUL_BASIS } from '../../shared/access';
import { appendAuditIn } from '../../shared/audit';
import { badUserInput } from '../../shared/errors';
import { ErrorCode } from './errors';
import type { SocialcareContext } from './context';
import { PARTNER_AGENCIES } from '../../shared/agencies';
import { decideForChild } from './relationship';
import { MatchDecision } from './entities';

/** The agencies that match children against their own index: the registry's partners. */
export const MATCHING_AGENCIES: readonly string[] = PARTNER_AGENCIES.map((a) => a.code);

/** A practitioner's decision as `recordMatchDecision` takes it. */
export interface RecordMatchDecisionInput {
  childId: string;
  agency: string;
  agencyReference: string;
  decision: 'CONFIRMED' | 'REJECTED';
  reason: string;
}

function confirmedElsewhere(input: RecordMatchDecisionInput): GraphQLError {
  return new GraphQLError(
    `${input.agency} record ${input.agencyReference} is already confirmed as another child; one record is one person`,
    { extensions: { code: ErrorCode.MATCH_RECORD_CONFIRMED_ELSEWHERE, field: 'agencyReference' } },
  );
}

function validate(input: RecordMatchDecisionInput): RecordMatchDecisionInput {
  if (input.childId.length > 64)
    throw badUserInput('childId', '`childId` must be at most 64 characters');
  if (!MATCHING_AGENCIES.includes(input.agency)) {
    throw badUserInput(
      'agency',
      `\`agency\` must be ${MATCHING_AGENCIES.slice(0, -1).join(', ')} or ${MATCHING_AGENCIES.at(-1)}`,
    );
  }
  const agencyReference = input.agencyReference.trim();
  if (!/^[A-Za-z0-9/_-]{1,64}$/.test(agencyReference)) {
    throw badUserInput(
      'agencyReference',
      '`agencyReference` must be the agency reference shown with the match: 1 to 64 letters, digits, /, _ or -',
    );
  }
  if (input.decision !== 'CONFIRMED' && input.decision !== 'REJECTED') {
    throw badUserInput('decision', '`decision` must be CONFIRMED or REJECTED');
  }
  const reason = input.reason.trim();
  if (reason.length < 10 || reason.length > 1000) {
    throw badUserInput('reason', '`reason` must be 10 to 1000 characters');
  }
  return { ...input, agencyReference, reason };
}

/**
 * Records that a partner's record is (CONFIRMED) or is not (REJECTED) the child, for MASH roles
 * with a legitimate relationship to the child (or a break-glass reason). Afterwards the partner
 * uses a confirmed record exactly and never offers a rejected one. Recording the decision already
 * current for that record changes nothing and returns it (with its first reason); a different
 * decision on the same record supersedes it (both are kept). Confirming a second record for one
 * agency is refused with MATCH_ALREADY_CONFIRMED, and a record confirmed for another child with
 * MATCH_RECORD_CONFIRMED_ELSEWHERE. Each change is audited in the same transaction.
 */
export async function recordMatchDecision(
  raw: RecordMatchDecisionInput,
  ctx: SocialcareContext,
): Promise<MatchDecision> {
  const input = validate(raw);
  const { user } = ctx.principal;
  if (!isMashRole(user.role)) {
    throw accessError({
      allowed: false,
      code: AccessCode.FORBIDDEN_ROLE,
      message: 'Only MASH practitioners and managers decide whether a record is this child',
    });
  }
  const child = await ctx.loaders.childById.load(input.childId);
  if (!child) {
    throw new GraphQLError(`No child ${input.childId}`, {
      extensions: { code: ErrorCode.NOT_FOUND, field: 'childId' },
    });
  }
  const decision = await decideForChild(ctx, child.id);
  if (!decision.allowed) throw accessError(decision);

  return ctx.dataSource.transaction(async (m) => {
    // One decision-maker per child at a time: the checks below then see every earlier decision.
    await m.query(`SELECT id FROM children WHERE id = $1 FOR UPDATE`, [child.id]);
    const current = await m.findOneBy(MatchDecision, {
      childId: child.id,
      agency: input.agency,
      agencyReference: input.agencyReference,
      supersededAt: IsNull(),
    });
    if (current?.decision === input.decision) return current;
    if (input.decision === 'CONFIRMED') {
      const other = await m.findOneBy(MatchDecision, {
        childId: child.id,
        agency: input.agency,
        decision: 'CONFIRMED',
        supersededAt: IsNull(),
      });
      if (other) {
        throw new GraphQLError(
          `${input.agency} record ${other.agencyReference} is already confirmed as this child; reject it before confirming another`,
          {
            extensions: {
              code: ErrorCode.MATCH_ALREADY_CONFIRMED,
              field: 'agencyReference',
              confirmedReference: other.agencyReference,
            },
          },
        );
      }
    }
    if (input.decision === 'CONFIRMED') {
      const elsewhere = await m.findOneBy(MatchDecision, {
        agency: input.agency,
        agencyReference: input.agencyReference,
        decision: 'CONFIRMED',
        supersededAt: IsNull(),
      });
      if (elsewhere) throw confirmedElsewhere(input);
    }
    if (current) {
      await m.update(MatchDecision, { id: current.id }, { supersededAt: ctx.now });
    }
    const rows = (await m
      .query(
        `INSERT INTO match_decisions
         (child_id, agency, agency_reference, decision, reason, decided_by, decided_by_agency, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          child.id,
          input.agency,
          input.agencyReference,
          input.decision,
          input.reason,
          user.id,
          user.agency,
          ctx.now,
        ],
      )
      .catch((error: unknown) => {
        // Another child's practitioner confirmed the same record at the same moment.
        const e = error as { constraint?: string; driverError?: { constraint?: string } };
        if ((e.constraint ?? e.driverError?.constraint) === 'match_decisions_record_once') {
          throw confirmedElsewhere(input);
        }
        throw error;
      })) as { id: string }[];
    await appendAuditIn(
      m,
      ctx.principal,
      [
        {
          action: 'CHANGE',
          subject: `MatchDecision ${input.agency} ${input.agencyReference}`,
          childId: child.id,
          fields: ['decision', 'reason'],
          outcome: 'CHANGED',
          reason: `MATCH_${input.decision}`,
          lawfulBasis: LAWFUL_BASIS,
        },
      ],
      ctx.now,
    );
    return (await m.findOneBy(MatchDecision, { id: rows[0].id })) as MatchDecision;
  });
}
