import type { RelationshipBasis } from '../../../shared/access';
import { codesOf, errorsAt, fieldAt } from '../answers';
import { CONTRACT_USER, type Exchange } from '../client';
import { verdictOf, type Clause } from '../clause';
import type { ContractContext } from '../context';
import {
  NO_RELATIONSHIP,
  OPEN_CONTACT,
  UnsignedGrant,
  withGrant,
  type Fixture,
  type GrantFault,
} from '../fixtures';

/**
 * A partner discloses a child's records on socialcare's signed relationship grant
 * (shared/grants.ts) and on nothing else. It refuses, with FORBIDDEN_INVALID_GRANT and a DENIED
 * row in its audit, a representation with no grant, or with one it cannot trust: signed by
 * another key, expired, or issued for another child, another user or another request. It never
 * takes the relationship from facts a representation states (anyone holding an internal token
 * can write those). And it discloses on each basis a trusted grant states.
 *
 * Each clause asks about the first fixture person (the CONFIRMED one, whom it would otherwise
 * disclose) in a request of its own, and reads that request's rows through the audit source when
 * there is one.
 */

const INVALID_GRANT = 'FORBIDDEN_INVALID_GRANT';
const NO_RELATIONSHIP_CODE = 'FORBIDDEN_NO_RELATIONSHIP';

/** The fields a grant clause judges: the section, and the events when there are any. */
async function judgedFields(ctx: ContractContext): Promise<string[]> {
  const shape = await ctx.shape();
  if (!shape.section) throw new Error('the SDL adds no section to Child (a field with `match`)');
  return [shape.section.field, ...(shape.events ? [shape.events.field] : [])];
}

/** The fixture the grant clauses ask about, and the one whose grant is replayed onto it. */
async function subjects(ctx: ContractContext): Promise<{ child: Fixture; other: Fixture }> {
  const [child, other] = (await ctx.fixtures()).people;
  if (!child || !other) throw new Error('the world gave fewer than two fixture people');
  return { child, other };
}

/** What is wrong with the answer for representation `i`: each field must be null, coded `code`. */
function refusalProblems(exchange: Exchange, i: number, fields: string[], code: string): string[] {
  if (exchange.reply.status !== 200) return [`HTTP ${exchange.reply.status}`];
  return fields.flatMap((field) => {
    const value = fieldAt(exchange, i, field);
    const errors = errorsAt(exchange, i, field);
    return value === null && errors.some((e) => e.extensions?.code === code)
      ? []
      : [`${field} gave ${JSON.stringify(value)} with ${codesOf(errors)}, not null with ${code}`];
  });
}

/** One refusal a clause expects: representation `index` refused with `code`. */
interface Refusal {
  index: number;
  code: string;
}

/**
 * What the audit lacks: a DENIED row with the code as its reason for each field refused, per child
 * and code (an audit records the same refusal once per request, however many representations
 * earned it); null when the suite has no audit source.
 */
async function auditProblems(
  ctx: ContractContext,
  exchange: Exchange,
  fields: string[],
  refusals: Refusal[],
): Promise<string[] | null> {
  if (!ctx.audit) return null;
  const rows = await ctx.audit.rowsFor(exchange.requestId);
  const wanted = new Map<string, { childId: string; code: string; rows: number }>();
  for (const r of refusals) {
    const childId = String(exchange.representations[r.index]?.id);
    const key = `${childId}|${r.code}`;
    const entry = wanted.get(key) ?? { childId, code: r.code, rows: 0 };
    entry.rows = fields.length;
    wanted.set(key, entry);
  }
  return [...wanted.values()].flatMap((w) => {
    const found = rows.filter(
      (row) => row.childId === w.childId && row.outcome === 'DENIED' && row.reason === w.code,
    ).length;
    return found >= w.rows ? [] : [`audit: ${found} DENIED ${w.code} rows, want ${w.rows}`];
  });
}

/**
 * A clause: `representations` of the subject in one request, each refused as `refusals` say,
 * and each refusal in the audit as a DENIED row.
 */
function refusing(
  id: string,
  what: string,
  ask: (s: { child: Fixture; other: Fixture }) => {
    representations: Record<string, unknown>[];
    refusals: Refusal[];
  },
): Clause {
  return {
    id,
    async check(ctx) {
      const fields = await judgedFields(ctx);
      const { representations, refusals } = ask(await subjects(ctx));
      const exchange = await ctx.entities(representations, { purpose: `partner-contract: ${id}` });
      const problems = refusals.flatMap((r) =>
        refusalProblems(exchange, r.index, fields, r.code).map((p) =>
          refusals.length > 1 ? `representation ${r.index + 1}: ${p}` : p,
        ),
      );
      const audit = await auditProblems(ctx, exchange, fields, refusals);
      problems.push(...(audit ?? []));
      const codes = [...new Set(refusals.map((r) => r.code))].join(', ');
      const audited = audit ? ', DENIED in its audit' : ' (its audit not read: no audit source)';
      return verdictOf(problems, `${fields.join(' and ')} ${what}: null with ${codes}${audited}`);
    },
  };
}

/** An open contact's grant for the subject, spoiled by `fault`. */
const spoiled = (fault: GrantFault) => new UnsignedGrant('OPEN_CONTACT', { fault });

/** One representation of the subject with `grant`, refused as an invalid grant. */
const invalid =
  (grant: UnsignedGrant) =>
  ({ child }: { child: Fixture }) => ({
    representations: [withGrant(child, grant)],
    refusals: [{ index: 0, code: INVALID_GRANT }],
  });

/** What a representation claims when it forges the relationship facts socialcare decides on. */
const FORGED_FACTS = { hasOpenContact: true, caseTeam: CONTRACT_USER.team };

export const grantRefusalClauses: Clause[] = [
  refusing('grant-missing', 'without a grant (none, or null)', ({ child }) => ({
    representations: [withGrant(child, undefined), withGrant(child, null)],
    refusals: [
      { index: 0, code: INVALID_GRANT },
      { index: 1, code: INVALID_GRANT },
    ],
  })),
  refusing('grant-forged', 'with a grant signed by another key', invalid(spoiled('forged'))),
  refusing('grant-expired', 'with an expired grant', invalid(spoiled('expired'))),
  refusing('grant-another-child', "with another child's grant", ({ child, other }) =>
    invalid(new UnsignedGrant('OPEN_CONTACT', { about: other.childId }))({ child }),
  ),
  refusing('grant-another-user', 'with a grant to another user', invalid(spoiled('another-user'))),
  refusing(
    'grant-another-request',
    'with a grant for another request',
    invalid(spoiled('another-request')),
  ),
  refusing(
    'grant-list-another-child',
    'with a grant naming other children only',
    ({ child, other }) =>
      invalid(
        new UnsignedGrant('OPEN_CONTACT', {
          about: other.childId,
          alongside: [{ id: `${child.childId}-not`, basis: 'OPEN_CONTACT' }],
        }),
      )({ child }),
  ),
  refusing(
    'grant-not-facts',
    `claiming ${Object.keys(FORGED_FACTS).join(' and ')} without a grant, or beside one of no basis`,
    ({ child }) => ({
      representations: [
        withGrant(child, undefined, FORGED_FACTS),
        withGrant(child, NO_RELATIONSHIP, FORGED_FACTS),
      ],
      refusals: [
        { index: 0, code: INVALID_GRANT },
        { index: 1, code: NO_RELATIONSHIP_CODE },
      ],
    }),
  ),
];

/** The bases socialcare grants, each with the request that earns it. */
const BASES: RelationshipBasis[] = ['OPEN_CONTACT', 'CASE_TEAM', 'BREAK_GLASS'];

/** A break-glass reason as a user would give one (20 characters or more, shared/access.ts). */
const BREAK_GLASS_REASON = 'Partner contract suite: checking break-glass disclosure';

/**
 * A trusted grant of each basis discloses: the section and the events answered without a
 * refusal, and a DISCLOSED row for each in the audit with the basis as its reason.
 */
export const grantBasesClause: Clause = {
  id: 'grant-bases',
  async check(ctx) {
    const fields = await judgedFields(ctx);
    const { child } = await subjects(ctx);
    const problems: string[] = [];
    for (const basis of BASES) {
      const grant = basis === 'OPEN_CONTACT' ? OPEN_CONTACT : new UnsignedGrant(basis);
      const exchange = await ctx.entities([withGrant(child, grant)], {
        purpose: `partner-contract: grant-bases ${basis}`,
        ...(basis === 'BREAK_GLASS'
          ? { breakGlass: { reason: BREAK_GLASS_REASON, childId: child.childId } }
          : {}),
      });
      if (exchange.reply.status !== 200) {
        problems.push(`${basis}: HTTP ${exchange.reply.status}`);
        continue;
      }
      for (const field of fields) {
        const refused = errorsAt(exchange, 0, field).filter((e) =>
          String(e.extensions?.code ?? '').startsWith('FORBIDDEN_'),
        );
        if (fieldAt(exchange, 0, field) === null || refused.length > 0) {
          problems.push(`${basis}: ${field} refused (${codesOf(errorsAt(exchange, 0, field))})`);
        }
      }
      if (ctx.audit) {
        const rows = await ctx.audit.rowsFor(exchange.requestId);
        const found = rows.filter(
          (r) => r.childId === child.childId && r.outcome === 'DISCLOSED' && r.reason === basis,
        ).length;
        if (found < fields.length) {
          problems.push(
            `${basis}: audit holds ${found} DISCLOSED ${basis} rows, want ${fields.length}`,
          );
        }
      }
    }
    const audited = ctx.audit
      ? ', each DISCLOSED in its audit with the basis as its reason'
      : ' (its audit not read: no audit source)';
    return verdictOf(
      problems,
      `${fields.join(' and ')} disclosed on a grant of ${BASES.join(', ')}${audited}`,
    );
  },
};

/**
 * A grant naming several children (`subjects`, as socialcare signs one for a page or a view)
 * holds for each with its own basis: sent with the first fixture child, whom it names with an open
 * contact, it discloses; sent with the second, whom it names with no basis, it refuses with
 * FORBIDDEN_NO_RELATIONSHIP. Both in one request, each in the audit.
 */
export const grantListClause: Clause = {
  id: 'grant-list',
  async check(ctx) {
    const fields = await judgedFields(ctx);
    const { child, other } = await subjects(ctx);
    const exchange = await ctx.entities(
      [
        withGrant(
          child,
          new UnsignedGrant('OPEN_CONTACT', { alongside: [{ id: other.childId, basis: null }] }),
        ),
        withGrant(
          other,
          new UnsignedGrant(null, { alongside: [{ id: child.childId, basis: 'OPEN_CONTACT' }] }),
        ),
      ],
      { purpose: 'partner-contract: grant-list' },
    );
    const problems: string[] = [];
    if (exchange.reply.status !== 200) problems.push(`HTTP ${exchange.reply.status}`);
    else {
      for (const field of fields) {
        const refused = errorsAt(exchange, 0, field).filter((e) =>
          String(e.extensions?.code ?? '').startsWith('FORBIDDEN_'),
        );
        if (fieldAt(exchange, 0, field) === null || refused.length > 0) {
          problems.push(
            `the first child's ${field} refused (${codesOf(errorsAt(exchange, 0, field))})`,
          );
        }
      }
      problems.push(
        ...refusalProblems(exchange, 1, fields, NO_RELATIONSHIP_CODE).map(
          (p) => `the second child's ${p}`,
        ),
      );
    }
    const audit = await auditProblems(ctx, exchange, fields, [
      { index: 1, code: NO_RELATIONSHIP_CODE },
    ]);
    problems.push(...(audit ?? []));
    if (ctx.audit) {
      const rows = await ctx.audit.rowsFor(exchange.requestId);
      const found = rows.filter(
        (r) =>
          r.childId === child.childId && r.outcome === 'DISCLOSED' && r.reason === 'OPEN_CONTACT',
      ).length;
      if (found < fields.length) {
        problems.push(`audit holds ${found} DISCLOSED OPEN_CONTACT rows, want ${fields.length}`);
      }
    }
    const audited = audit ? ', each in its audit' : ' (its audit not read: no audit source)';
    return verdictOf(
      problems,
      `one grant naming two children: ${fields.join(' and ')} disclosed for the one it names with an open contact, refused FORBIDDEN_NO_RELATIONSHIP for the one it names with none${audited}`,
    );
  },
};
