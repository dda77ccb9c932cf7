import type { Principal, SigningKey } from '../../shared/auth';
import type { GrantSubject } from '../../shared/grants';
import { CONTRACT_HEADER } from '../../shared/http';
import type { World } from '../../seed/world';
import type { AuditSource } from './audit-source';
import {
  createGrants,
  createTokens,
  postGraphQL,
  principalFor,
  type Exchange,
  type GrantMaker,
  type Tokens,
} from './client';
import {
  NO_RELATIONSHIP,
  UnsignedGrant,
  withGrant,
  type Fixture,
  type Fixtures,
  type Partner,
} from './fixtures';
import { pickFixtures } from './people';
import { EVENT_SELECTION, readShape, type FieldTree, type SubgraphShape } from './sdl';

/** What a run of the suite is given. */
export interface ContractOptions {
  /** The agency's subgraph name (the internal tokens' audience). */
  agency: Partner;
  /** The subgraph's GraphQL endpoint; its probes are `/health` and `/ready` on the same origin. */
  url: string;
  /** The gateway's private key for internal tokens. */
  signingKey: SigningKey;
  /** Socialcare's private key for relationship grants (shared/grants.ts). */
  grantSigningKey: SigningKey;
  /** The world the agency's data was loaded from (seed/world `generateWorld`). */
  world: World;
  /** Where the agency's audit rows can be read; the audit clause is skipped without one. */
  audit?: AuditSource | null;
}

/** What every clause reads: the subgraph, its SDL, the fixtures and the answers already had. */
export interface ContractContext {
  readonly agency: Partner;
  readonly url: string;
  readonly tokens: Tokens;
  readonly audit: AuditSource | null;
  /** `_service { sdl }`, asked once with a valid token; throws when it cannot be had. */
  sdl(): Promise<string>;
  shape(): Promise<SubgraphShape>;
  fixtures(): Promise<Fixtures>;
  /**
   * `_entities` for `representations`, asking for the section (every field, three levels down)
   * and the chronology events, with a fresh valid token and a request id of its own; each
   * representation's `UnsignedGrant` is signed for that request (`breakGlass`: the principal
   * broke glass for that child, with that reason, as the gateway passes it on).
   */
  entities(
    representations: Record<string, unknown>[],
    options?: {
      purpose?: string;
      headers?: Record<string, string>;
      breakGlass?: { reason: string; childId: string };
    },
  ): Promise<Exchange>;
  /** Every fixture person in one request, each with an open MASH contact (asked once). */
  fixtureAnswers(): Promise<Exchange>;
  /**
   * The first fixture again, with socialcare's grant stating no relationship (no open contact, no
   * case, no break-glass reason) (asked once).
   */
  denial(): Promise<{ exchange: Exchange; fixture: Fixture }>;
  /** The page of 50 children, asking for its backend calls (asked once). */
  pageAnswers(): Promise<Exchange>;
}

/** The request header asking for the backend calls of a request (shared/http.ts). */
export const BACKEND_CALLS_REQUEST = { [CONTRACT_HEADER]: 'backend-calls' };

/** How far below the section the suite asks: the section, its fields, and theirs. */
const SECTION_DEPTH = 3;

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The top-level names of the fields the child's section and events `@requires`, merged. */
function requiredOfChild(shape: SubgraphShape): FieldTree {
  const merged: FieldTree = new Map();
  for (const r of [shape.section, shape.events]) {
    for (const [name, sub] of r?.requires ?? []) merged.set(name, sub);
  }
  return merged;
}

/** The `_entities` query for the section and the events the shape names. */
export function entitiesQuery(shape: SubgraphShape): string {
  const parts = [
    shape.section &&
      `${shape.section.field} { ${shape.selection(shape.section.returns, SECTION_DEPTH)} }`,
    shape.events && `${shape.events.field} { ${EVENT_SELECTION} }`,
  ].filter(Boolean);
  return `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Child { ${parts.join(' ')} } }
  }`;
}

/** Builds the context of one run. */
/** `representations` with each unsigned grant signed by `grants` for `principal`. */
async function signGrants(
  representations: Record<string, unknown>[],
  grants: GrantMaker,
  principal: Principal,
): Promise<Record<string, unknown>[]> {
  return Promise.all(
    representations.map(async (r) => {
      const grant = r.relationshipGrant;
      if (!(grant instanceof UnsignedGrant)) return r;
      const subject: GrantSubject = {
        type: r.__typename === 'Adult' ? 'Adult' : 'Child',
        id: String(r.id),
      };
      return { ...r, relationshipGrant: await grants(grant, principal, subject) };
    }),
  );
}

export async function createContext(options: ContractOptions): Promise<ContractContext> {
  const tokens = await createTokens(options.signingKey, options.agency);
  const grants = await createGrants(options.grantSigningKey);
  const sdl = once(async () => {
    const token = await tokens.valid(principalFor('partner-contract: schema'));
    const headers = { authorization: `Bearer ${token}` };
    const reply = await postGraphQL(options.url, '{ _service { sdl } }', {}, headers);
    const text = (reply.body?.data?._service as { sdl?: unknown } | undefined)?.sdl;
    if (typeof text !== 'string') {
      throw new Error(`_service { sdl } with a valid token gave HTTP ${reply.status}, no SDL`);
    }
    return text;
  });
  const shape = once(async () => readShape(await sdl()));
  const fixtures = once(async () => {
    const s = await shape();
    if (!s.section) throw new Error('the SDL adds no section to Child (a field with `match`)');
    return pickFixtures(options.world, options.agency, requiredOfChild(s));
  });
  const entities: ContractContext['entities'] = async (representations, o = {}) => {
    const principal: Principal = {
      ...principalFor(o.purpose ?? 'partner-contract'),
      ...(o.breakGlass
        ? { breakGlassReason: o.breakGlass.reason, breakGlassChildId: o.breakGlass.childId }
        : {}),
    };
    const sent = await signGrants(representations, grants, principal);
    const reply = await postGraphQL(
      options.url,
      entitiesQuery(await shape()),
      { representations: sent },
      { authorization: `Bearer ${await tokens.valid(principal)}`, ...o.headers },
    );
    return { requestId: principal.requestId, representations: sent, reply };
  };
  return {
    agency: options.agency,
    url: options.url,
    tokens,
    audit: options.audit ?? null,
    sdl,
    shape,
    fixtures,
    entities,
    fixtureAnswers: once(async () => {
      const representations = (await fixtures()).people.map((f) => f.representation);
      return entities(representations, { purpose: 'partner-contract: fixture people' });
    }),
    denial: once(async () => {
      const fixture = (await fixtures()).people[0];
      if (!fixture) throw new Error('no fixture person to ask about');
      const exchange = await entities([withGrant(fixture, NO_RELATIONSHIP)], {
        purpose: 'partner-contract: no relationship',
      });
      return { exchange, fixture };
    }),
    pageAnswers: once(async () =>
      entities((await fixtures()).page, {
        purpose: 'partner-contract: page',
        headers: BACKEND_CALLS_REQUEST,
      }),
    ),
  };
}
