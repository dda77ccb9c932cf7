/**
 * Reading early help episodes: one by id, a provider's list newest step-down first
 * (cursor-paginated like the MASH queue), and a child's. Every episode shown is recorded in the
 * audit under its child (./access.ts says who may see which).
 */
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../../../shared/audit';
import { enforce } from '../../../shared/disclosure';
import { badUserInput } from '../../../shared/errors';
import type { SocialcareContext } from '../context';
import { EarlyHelpEpisode } from '../entities';
import * as valid from '../frontdoor/validate';
import { decideReadEpisodes, providerOf } from './access';
import type { EarlyHelpProvider } from './open';

export interface EarlyHelpEpisodesArgs {
  filter?: { open?: boolean | null; providerId?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CURSOR_ID = /^[A-Za-z0-9_/-]{1,64}$/;

function encodeCursor(e: EarlyHelpEpisode): string {
  return Buffer.from(JSON.stringify([e.steppedDownAt.toISOString(), e.id])).toString('base64url');
}

/** A cursor's position, or BAD_USER_INPUT on `after` for anything `encodeCursor` did not write. */
function decodeCursor(text: string): [string, string] {
  try {
    const decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [at, id] = decoded as unknown[];
      if (
        typeof at === 'string' &&
        CURSOR_INSTANT.test(at) &&
        !Number.isNaN(Date.parse(at)) &&
        new Date(at).toISOString() === at &&
        typeof id === 'string' &&
        CURSOR_ID.test(id)
      ) {
        return [at, id];
      }
    }
  } catch {
    // Reported below.
  }
  throw badUserInput('after', '`after` must be a cursor this list returned (`pageInfo.endCursor`)');
}

function disclose(
  ctx: SocialcareContext,
  info: GraphQLResolveInfo,
  subject: string,
  episodes: EarlyHelpEpisode[],
  fields: string[],
): void {
  for (const e of episodes) {
    enforce(ctx, decideReadEpisodes(ctx.principal, e.providerId), {
      childId: e.childId,
      subject,
      fields,
      info,
    });
  }
}

/**
 * The early help list: an early help practitioner's provider's episodes (a `providerId` of another
 * provider is FORBIDDEN_ROLE), every provider's for socialcare's MASH roles, newest step-down
 * first, then by id. See the schema's `earlyHelpEpisodes`.
 */
export async function earlyHelpEpisodes(
  args: EarlyHelpEpisodesArgs,
  ctx: SocialcareContext,
  info: GraphQLResolveInfo,
) {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 200) {
    throw badUserInput('first', '`first` must be between 1 and 200');
  }
  const asked = args.filter?.providerId
    ? valid.id(args.filter.providerId, 'filter.providerId')
    : null;
  const providerId = asked ?? providerOf(ctx.principal);
  enforce(ctx, decideReadEpisodes(ctx.principal, providerId), {
    childId: null,
    subject: 'EarlyHelpEpisodes',
    info,
  });
  const cursor = args.after ? decodeCursor(args.after) : null;
  const open = args.filter?.open ?? null;
  const rows = (await ctx.dataSource.query(
    `SELECT (SELECT count(*)::int FROM early_help_episodes
              WHERE ($1::text IS NULL OR provider_id = $1)
                AND ($2::boolean IS NULL OR (closed_on IS NULL) = $2)) AS total,
            p.id
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (
         SELECT id FROM early_help_episodes
          WHERE ($1::text IS NULL OR provider_id = $1)
            AND ($2::boolean IS NULL OR (closed_on IS NULL) = $2)
            AND ($3::timestamptz IS NULL OR (stepped_down_at, id) < ($3::timestamptz, $4::text))
          ORDER BY stepped_down_at DESC, id DESC
          LIMIT $5) AS p ON true`,
    [providerId, open, cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1],
  )) as { total: number; id: string | null }[];
  const ids = rows.map((r) => r.id).filter((id): id is string => id !== null);
  const found = await ctx.dataSource
    .getRepository(EarlyHelpEpisode)
    .find({ where: ids.slice(0, first).map((id) => ({ id })) });
  const byId = new Map(found.map((e) => [e.id, e]));
  const page = ids
    .slice(0, first)
    .map((id) => byId.get(id))
    .filter((e): e is EarlyHelpEpisode => e !== undefined);
  disclose(ctx, info, 'EarlyHelpEpisodes', page, selectedFields(info));
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(node), node })),
    pageInfo: {
      hasNextPage: ids.length > first,
      endCursor: page.length ? encodeCursor(page[page.length - 1]) : null,
    },
    totalCount: rows[0].total,
  };
}

/** One episode by id for a reader who may see it, or null when there is none. */
export async function earlyHelpEpisode(
  id: string,
  ctx: SocialcareContext,
  info: GraphQLResolveInfo,
): Promise<EarlyHelpEpisode | null> {
  const episodeId = valid.id(id, 'id');
  const episode = await ctx.dataSource.getRepository(EarlyHelpEpisode).findOneBy({ id: episodeId });
  if (!episode) {
    // Whether an id exists is not shown to someone who could see no episode at all.
    enforce(ctx, decideReadEpisodes(ctx.principal, providerOf(ctx.principal)), {
      childId: null,
      subject: 'EarlyHelpEpisode',
      info,
    });
    return null;
  }
  disclose(ctx, info, 'EarlyHelpEpisode', [episode], selectedFields(info));
  return episode;
}

/** A child's episodes, newest step-down first (the caller gates the child's records). */
export function episodesOfChild(
  ctx: SocialcareContext,
  childId: string,
): Promise<EarlyHelpEpisode[]> {
  return ctx.dataSource
    .getRepository(EarlyHelpEpisode)
    .find({ where: { childId }, order: { steppedDownAt: 'DESC', id: 'DESC' } });
}

const providerLists = new WeakMap<SocialcareContext, Promise<EarlyHelpProvider[]>>();

/** The registered providers, read once per request. */
export function providers(ctx: SocialcareContext): Promise<EarlyHelpProvider[]> {
  let list = providerLists.get(ctx);
  if (!list) {
    list = ctx.dataSource.query(
      `SELECT id, name, kind FROM early_help_providers ORDER BY id`,
    ) as Promise<EarlyHelpProvider[]>;
    providerLists.set(ctx, list);
  }
  return list;
}
