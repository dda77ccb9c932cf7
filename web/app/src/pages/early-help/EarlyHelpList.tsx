import { useCallback, useEffect, useState } from 'react';
import { gql, type ApiError } from '../../api';
import { ErrorSummary } from '../../components/Errors';
import { href } from '../../router';
import { isSocialcareMash, type User } from '../../session';
import { formatDay } from '../../time';
import { ChildName } from './ChildName';
import { assessmentText, EPISODE, responseText, statusText, type Episode } from './episode';

const LIST = `query EarlyHelp($first: Int!, $after: String, $filter: EarlyHelpEpisodeFilter) {
  earlyHelpEpisodes(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${EPISODE} } }
  }
}`;

interface ListAnswer {
  earlyHelpEpisodes: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Episode }[];
  };
}

const PAGE = 25;

/** The registered early help providers (`earlyHelpProviders`), once loaded. */
function useProviders(wanted: boolean): { id: string; name: string }[] {
  const [list, setList] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    if (!wanted) return undefined;
    let live = true;
    void gql<{ earlyHelpProviders: { id: string; name: string }[] }>(
      '{ earlyHelpProviders { id name } }',
    ).then(({ data }) => live && setList(data?.earlyHelpProviders ?? []));
    return () => {
      live = false;
    };
  }, [wanted]);
  return list;
}

interface Filter {
  openOnly: boolean;
  providerId: string;
}

/**
 * The early help list: an early help practitioner's own provider's episodes; socialcare's MASH
 * every provider's, with a provider filter. Newest step-down first, a page at a time.
 */
export function EarlyHelpList({ user }: { user: User }) {
  const everyProvider = isSocialcareMash(user);
  const providers = useProviders(everyProvider);
  const [draft, setDraft] = useState<Filter>({ openOnly: true, providerId: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const [rows, setRows] = useState<Episode[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      const { data, errors: errs } = await gql<ListAnswer>(LIST, {
        first: PAGE,
        after,
        filter: {
          ...(filter.openOnly ? { open: true } : {}),
          ...(filter.providerId ? { providerId: filter.providerId } : {}),
        },
      });
      setLoading(false);
      setErrors(errs);
      if (!data) return;
      const page = data.earlyHelpEpisodes.edges.map((e) => e.node);
      setRows((before) => (after ? [...before, ...page] : page));
      setTotal(data.earlyHelpEpisodes.totalCount);
      const info = data.earlyHelpEpisodes.pageInfo;
      setNext(info.hasNextPage ? info.endCursor : null);
    },
    [filter],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const what = filter.openOnly ? 'open episode' : 'episode';
  return (
    <>
      <h1 tabIndex={-1}>Early help</h1>
      <p className="lead">
        {everyProvider
          ? 'Early help episodes after a step-down, every provider’s, newest step-down first.'
          : `${user.team ?? 'Your provider'}’s early help episodes after a step-down, newest step-down first.`}
      </p>
      <form
        className="filters"
        aria-label="Filter the episodes"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <div className="checkbox">
          <input
            type="checkbox"
            id="eh-open-only"
            checked={draft.openOnly}
            onChange={(e) => setDraft({ ...draft, openOnly: e.target.checked })}
          />
          <label htmlFor="eh-open-only">Open episodes only</label>
        </div>
        {everyProvider ? (
          <div className="field">
            <label htmlFor="eh-provider">Offered to</label>
            <select
              id="eh-provider"
              value={draft.providerId}
              onChange={(e) => setDraft({ ...draft, providerId: e.target.value })}
            >
              <option value="">Any provider</option>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="filter-actions">
          <button type="submit" className="button">
            Apply filters
          </button>
        </div>
      </form>

      <ErrorSummary errors={errors} />
      <p role="status" aria-live="polite" className="queue-count">
        {loading
          ? 'Loading…'
          : total === null
            ? ''
            : `${total} ${what}${total === 1 ? '' : 's'}${rows.length < total ? `, showing ${rows.length}` : ''}`}
      </p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="queue early-help">
            <caption className="visually-hidden">
              Early help episodes, newest step-down first
            </caption>
            <thead>
              <tr>
                <th scope="col">Episode</th>
                <th scope="col">Child</th>
                <th scope="col">Stepped down</th>
                <th scope="col">Offered to</th>
                <th scope="col">Family response</th>
                <th scope="col">Assessment</th>
                <th scope="col">Lead practitioner</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <a href={href('early-help', e.id)}>{e.id}</a>
                  </th>
                  <td>
                    <ChildName child={e.child} user={user} />
                  </td>
                  <td>{formatDay(e.steppedDownAt)}</td>
                  <td>{e.provider.name}</td>
                  <td>{responseText(e)}</td>
                  <td>{assessmentText(e)}</td>
                  <td>{e.leadPractitioner ?? <span className="muted">None yet</span>}</td>
                  <td>{statusText(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !loading && total === 0 ? (
        <p>No early help episodes match these filters.</p>
      ) : null}
      {next ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={loading}
          onClick={() => void load(next)}
        >
          Show more episodes
        </button>
      ) : null}
    </>
  );
}
