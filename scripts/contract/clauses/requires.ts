import path from 'node:path';
import { parse } from 'graphql';
import { readSchemaFiles } from '../../../shared/subgraph';
import { fail, verdictOf, type Clause } from '../clause';
import { parseFieldSet, selectionOf, type FieldTree } from '../sdl';

/**
 * A partner's fields on `Child` and `Adult` `@requires` only who the person is (names, date of
 * birth, sex, postcode and the identifiers it matches on), socialcare's signed relationship grant
 * (shared/grants.ts), which its disclosure rule decides on, and for a child the practitioners'
 * decisions on its own records. Never the child's household, contacts, referrals, ethnicity or
 * another agency's section, nor the facts socialcare decides the relationship on (an open
 * contact, the case team): a partner gets what it needs to find the person and decide, nothing
 * more. And each of those fields requires the grant: without it a partner has nothing to decide
 * a disclosure on.
 */

/** The field socialcare's grant comes in, on `Child` and on `Adult`. */
export const GRANT_FIELD = 'relationshipGrant';

/** What may be required, by kind; the allowed set is these that socialcare's type offers. */
export const REQUIRABLE: Record<'Child' | 'Adult', Record<string, string[]>> = {
  Child: {
    demographics: ['givenName', 'familyName', 'dateOfBirth', 'sex', 'postcode'],
    identifiers: ['nhsNumber', 'upn'],
    relationship: [GRANT_FIELD],
    decisions: ['matchLinks'],
  },
  Adult: {
    demographics: ['givenName', 'familyName', 'dateOfBirth', 'sex', 'postcode'],
    relationship: [GRANT_FIELD],
  },
};

const SOCIALCARE_DIR = path.resolve(__dirname, '../../../subgraphs/socialcare');

/**
 * The allowed field set of each entity: `REQUIRABLE` as far as socialcare's committed schema
 * offers it, each field with the subfields socialcare's type of it has (matchLinks: agency,
 * agencyReference, decision).
 */
export function allowedRequires(): Record<'Child' | 'Adult', FieldTree> {
  const document = parse(readSchemaFiles(SOCIALCARE_DIR));
  const allowed = (type: 'Child' | 'Adult') => {
    const offered = parseFieldSet(selectionOf(document, type, 2));
    const names = Object.values(REQUIRABLE[type]).flat();
    return new Map([...offered].filter(([name]) => names.includes(name)));
  };
  return { Child: allowed('Child'), Adult: allowed('Adult') };
}

/** The names in `required` that `allowed` does not allow, dotted for nested ones. */
function outside(required: FieldTree, allowed: FieldTree, prefix = ''): string[] {
  return [...required].flatMap(([name, sub]) => {
    const ok = allowed.get(name);
    if (!ok) return [`${prefix}${name}`];
    return ok.size > 0 ? outside(sub, ok, `${prefix}${name}.`) : [];
  });
}

export const requiresClause: Clause = {
  id: 'requires-demographics-only',
  async check(ctx) {
    const shape = await ctx.shape();
    if (!shape.section) return fail('the SDL adds no section to Child (a field with `match`)');
    const allowed = allowedRequires();
    const problems = shape.requiring.flatMap((r) =>
      outside(r.requires, allowed[r.type as 'Child' | 'Adult']).map(
        (name) => `${r.type}.${r.field} @requires ${name}`,
      ),
    );
    const names = shape.requiring.map((r) => `${r.type}.${r.field}`).join(', ');
    return verdictOf(
      problems,
      `${names} @require demographics, identifiers and the relationship grant only`,
    );
  },
};

export const requiresGrantClause: Clause = {
  id: 'requires-grant',
  async check(ctx) {
    const shape = await ctx.shape();
    if (!shape.section) return fail('the SDL adds no section to Child (a field with `match`)');
    const problems = shape.requiring
      .filter((r) => !r.requires.has(GRANT_FIELD))
      .map((r) => `${r.type}.${r.field} does not @require ${GRANT_FIELD}`);
    const names = shape.requiring.map((r) => `${r.type}.${r.field}`).join(', ');
    return verdictOf(problems, `${names} each @require socialcare's ${GRANT_FIELD}`);
  },
};
