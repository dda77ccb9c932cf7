import { useCallback, useEffect, useState } from 'react';
import { agencyName, gql, type ApiError } from '../api';
import { ContactClocks, type ContactClocksData } from '../components/ClockView';
import { ErrorSummary } from '../components/Errors';
import { Rag } from '../components/Rag';
import { href } from '../router';
import { isSocialcareMash, type User } from '../session';
import { formatInstant, useNow } from '../time';
import { useContactSources, RAGS, STAGES, stageName } from '../codes';

const CLOCK = 'startedAt dueAt stoppedAt status';
const QUEUE = `query Queue($first: Int!, $after: String, $filter: MashQueueFilter) {
  mashQueue(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id receivedAt referrer rag stage team nextDueAt outstandingChecks
      source { code label }
      clocks {
        ragResponse { ${CLOCK} }
        decisionWithin24Hours { ${CLOCK} }
        decisionWithinOneWorkingDay { ${CLOCK} }
      }
      decisions { decidedAt child { id givenName familyName } }
    } }
  }
}`;

interface QueueRow {
  id: string;
  receivedAt: string;
  referrer: string;
  rag: string | null;
  stage: string;
  team: string;
  nextDueAt: string | null;
  outstandingChecks: string[];
  source: { code: string; label: string };
  clocks: ContactClocksData;
  decisions: {
    decidedAt: string | null;
    child: { id: string; givenName: string | null; familyName: string | null };
  }[];
}

interface QueueAnswer {
  mashQueue: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: QueueRow }[];
  };
}

interface Filter {
  rag: string[];
  stage: string[];
  team: string;
  source: string;
  overdue: '' | 'true' | 'false';
}

const EMPTY: Filter = { rag: [], stage: [], team: '', source: '', overdue: '' };
const PAGE = 25;

function toVariables(filter: Filter) {
  return {
    ...(filter.rag.length ? { rag: filter.rag } : {}),
    ...(filter.stage.length ? { stage: filter.stage } : {}),
    ...(filter.team.trim() ? { team: [filter.team.trim()] } : {}),
    ...(filter.source ? { source: [filter.source] } : {}),
    ...(filter.overdue ? { overdue: filter.overdue === 'true' } : {}),
  };
}

const toggle = (list: string[], value: string) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/**
 * The MASH queue: open contacts, most urgent first (the earliest running due instant), with every
 * clock counting down live, the RAG in colour and in words, and the partner checks still awaited.
 */
export function Queue({ user }: { user: User }) {
  const now = useNow(1000);
  const sourceList = useContactSources();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [rows, setRows] = useState<QueueRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (after: string | null, first = PAGE) => {
      setLoading(true);
      const { data, errors: errs } = await gql<QueueAnswer>(QUEUE, {
        first,
        after,
        filter: toVariables(filter),
      });
      setLoading(false);
      setErrors(errs);
      if (!data) return;
      const page = data.mashQueue.edges.map((e) => e.node);
      setRows((before) => (after ? [...before, ...page] : page));
      setTotal(data.mashQueue.totalCount);
      setNext(data.mashQueue.pageInfo.hasNextPage ? data.mashQueue.pageInfo.endCursor : null);
    },
    [filter],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  // The queue changes as colleagues work it: every minute, read again from the top as many rows
  // as are shown (new contacts appear, decided ones go), up to the largest page.
  const shown = rows.length;
  useEffect(() => {
    const timer = window.setInterval(() => {
      void load(null, Math.min(200, Math.max(PAGE, shown)));
    }, 60_000);
    return () => window.clearInterval(timer);
  }, [load, shown]);
  const teams = [
    ...new Set([...(user.team ? [user.team] : []), ...rows.map((r) => r.team)]),
  ].sort();

  return (
    <>
      <h1 tabIndex={-1}>MASH queue</h1>
      <p className="lead">
        Open contacts, most urgent first: the contact whose next clock falls due soonest is at the
        top.
        {isSocialcareMash(user) ? (
          <>
            {' '}
            <a href={href('contact', 'new')}>Record a new contact</a>.
          </>
        ) : null}
      </p>
      <form
        className="filters"
        aria-label="Filter the queue"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <fieldset>
          <legend>RAG</legend>
          {RAGS.map((r) => (
            <div className="checkbox" key={r}>
              <input
                type="checkbox"
                id={`f-rag-${r}`}
                checked={draft.rag.includes(r)}
                onChange={() => setDraft({ ...draft, rag: toggle(draft.rag, r) })}
              />
              <label htmlFor={`f-rag-${r}`}>{r[0] + r.slice(1).toLowerCase()}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Stage</legend>
          {STAGES.filter((s) => s !== 'DECIDED').map((s) => (
            <div className="checkbox" key={s}>
              <input
                type="checkbox"
                id={`f-stage-${s}`}
                checked={draft.stage.includes(s)}
                onChange={() => setDraft({ ...draft, stage: toggle(draft.stage, s) })}
              />
              <label htmlFor={`f-stage-${s}`}>{stageName(s)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="f-team">Team</label>
          <input
            id="f-team"
            type="text"
            value={draft.team}
            placeholder="e.g. MASH North"
            list="f-team-known"
            aria-describedby="f-team-hint"
            onChange={(e) => setDraft({ ...draft, team: e.target.value })}
          />
          <p className="hint" id="f-team-hint">
            The team's name as written, e.g. MASH North.
          </p>
          <datalist id="f-team-known">
            {teams.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="f-source">Source</label>
          <select
            id="f-source"
            value={draft.source}
            onChange={(e) => setDraft({ ...draft, source: e.target.value })}
          >
            <option value="">Any source</option>
            {sourceList.map(([code, label]) => (
              <option key={code} value={code}>
                {code}: {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-overdue">Overdue</label>
          <select
            id="f-overdue"
            value={draft.overdue}
            onChange={(e) => setDraft({ ...draft, overdue: e.target.value as Filter['overdue'] })}
          >
            <option value="">Overdue or not</option>
            <option value="true">Only overdue</option>
            <option value="false">Only not overdue</option>
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            Apply filters
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
            }}
          >
            Clear
          </button>
        </div>
      </form>

      <ErrorSummary errors={errors} />
      <p role="status" aria-live="polite" className="queue-count">
        {loading
          ? 'Loading…'
          : total === null
            ? ''
            : `${total} open contact${total === 1 ? '' : 's'}${rows.length < total ? `, showing ${rows.length}` : ''}`}
      </p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="queue">
            <caption className="visually-hidden">Open contacts, most urgent first</caption>
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Children</th>
                <th scope="col">RAG</th>
                <th scope="col">Stage</th>
                <th scope="col">Clocks</th>
                <th scope="col">Checks awaited</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const overdue = [
                  row.clocks.ragResponse,
                  row.clocks.decisionWithin24Hours,
                  row.clocks.decisionWithinOneWorkingDay,
                ].some((c) => c && !c.stoppedAt && Date.parse(c.dueAt) < now);
                return (
                  <tr key={row.id} className={overdue ? 'row-overdue' : undefined}>
                    <th scope="row">
                      <a href={href('contact', row.id)}>{row.id}</a>
                      <div className="muted">
                        Received {formatInstant(row.receivedAt)}
                        <br />
                        {row.source.code}: {row.source.label}
                        <br />
                        {row.team}
                      </div>
                    </th>
                    <td>
                      <ul className="plain">
                        {row.decisions.map((d) => (
                          <li key={d.child.id}>
                            <a href={href('child', d.child.id)}>
                              {[d.child.givenName, d.child.familyName].filter(Boolean).join(' ') ||
                                d.child.id}
                            </a>
                            {d.decidedAt ? <span className="muted"> (decided)</span> : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <Rag rag={row.rag} />
                    </td>
                    <td>{stageName(row.stage)}</td>
                    <td>
                      <ContactClocks clocks={row.clocks} now={now} />
                    </td>
                    <td>
                      {row.outstandingChecks.length ? (
                        row.outstandingChecks.map(agencyName).join(', ')
                      ) : (
                        <span className="muted">None</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : !loading && total === 0 ? (
        <p>No open contacts match these filters.</p>
      ) : null}
      {next ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={loading}
          onClick={() => void load(next)}
        >
          Show more contacts
        </button>
      ) : null}
    </>
  );
}
