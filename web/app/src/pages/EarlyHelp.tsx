import { useCallback, useEffect, useRef, useState } from 'react';
import { gql, type ApiError } from '../api';
import { describedBy, ErrorSummary, FieldError } from '../components/Errors';
import { CLOSURE_REASONS, EARLY_HELP_RESPONSES } from '../codes';
import { href } from '../router';
import { isSocialcareMash, looksUpChildren, worksEarlyHelp, type User } from '../session';
import { formatDate, formatDay, londonToday } from '../time';

const EPISODE = `
  id version steppedDownAt offeredAt stepDownContactId stepUpContactId
  child { id givenName familyName dateOfBirth }
  provider { id name }
  response respondedOn
  assessment { startedOn completedOn organisation }
  leadPractitioner open closedOn closureReason`;

const LIST = `query EarlyHelp($first: Int!, $after: String, $filter: EarlyHelpEpisodeFilter) {
  earlyHelpEpisodes(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${EPISODE} } }
  }
}`;

/** An early help episode as the screens read it. */
export interface Episode {
  id: string;
  version: number;
  steppedDownAt: string;
  offeredAt: string;
  stepDownContactId: string;
  stepUpContactId: string | null;
  child: {
    id: string;
    givenName: string | null;
    familyName: string | null;
    dateOfBirth: string | null;
  } | null;
  provider: { id: string; name: string };
  response: string | null;
  respondedOn: string | null;
  assessment: { startedOn: string; completedOn: string | null; organisation: string | null } | null;
  leadPractitioner: string | null;
  open: boolean;
  closedOn: string | null;
  closureReason: string | null;
}

interface ListAnswer {
  earlyHelpEpisodes: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Episode }[];
  };
}

const PAGE = 25;

const childName = (c: NonNullable<Episode['child']>) =>
  [c.givenName, c.familyName].filter(Boolean).join(' ') || c.id;

/** The family's answer in words: "Accepted on 23 Nov 2026", or "Awaited". */
export function responseText(e: Pick<Episode, 'response' | 'respondedOn'>): string {
  if (!e.response) return 'Awaited';
  return `${EARLY_HELP_RESPONSES[e.response] ?? e.response} on ${formatDate(e.respondedOn)}`;
}

/** The assessment in words: started, completed and by whom, or "Not started". */
export function assessmentText(e: Pick<Episode, 'assessment'>): string {
  const a = e.assessment;
  if (!a) return 'Not started';
  return a.completedOn
    ? `Started ${formatDate(a.startedOn)}, completed ${formatDate(a.completedOn)}${a.organisation ? ` by ${a.organisation}` : ''}`
    : `Started ${formatDate(a.startedOn)}`;
}

/** Open, or closed with the date and the reason in words. */
export function statusText(e: Pick<Episode, 'open' | 'closedOn' | 'closureReason'>): string {
  if (e.open) return 'Open';
  const reason = CLOSURE_REASONS[e.closureReason ?? ''] ?? e.closureReason;
  return `Closed ${formatDate(e.closedOn)}${reason ? `: ${reason.toLowerCase()}` : ''}`;
}

/** The child's name, a link to the child's page for a user who may look children up. */
function ChildName({ child, user }: { child: Episode['child']; user: User }) {
  if (!child) return <span className="muted">Not shown</span>;
  return looksUpChildren(user) ? (
    <a href={href('child', child.id)}>{childName(child)}</a>
  ) : (
    <>{childName(child)}</>
  );
}

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

/** One change to the episode: its errors, none when it was made. */
type Act = (mutation: string, input: Record<string, unknown>) => Promise<ApiError[]>;

/**
 * An episode's errors as this page says them: a conflict (the episode is reloaded) and a closed
 * episode in plain words, neither tied to a field the user can change.
 */
function episodeErrors(errors: ApiError[]): ApiError[] {
  return errors.map((e) =>
    e.code === 'VERSION_CONFLICT'
      ? {
          ...e,
          code: 'EPISODE_CHANGED',
          field: undefined,
          message:
            'Someone else changed this episode while you were working on it. It is reloaded and what you typed is kept: check the episode as it is now, then submit again.',
        }
      : e.code === 'EPISODE_CLOSED'
        ? {
            ...e,
            field: undefined,
            message: 'This episode is closed: nothing more can be recorded on it.',
          }
        : e,
  );
}

/** A date input with its label, hint and error, for the forms below. */
function DateField({
  id,
  label,
  field,
  value,
  onChange,
  errors,
  hint,
}: {
  id: string;
  label: string;
  field: string;
  value: string;
  onChange: (value: string) => void;
  errors: ApiError[];
  hint?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} errors={errors} field={field} />
      <input
        type="date"
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...describedBy(id, errors, field, Boolean(hint))}
      />
    </div>
  );
}

/** A form's state: its errors and whether it is being sent; `send` runs one change. */
function useForm(act: Act) {
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  async function send(mutation: string, input: Record<string, unknown>): Promise<boolean> {
    setBusy(true);
    const errs = await act(mutation, input);
    setBusy(false);
    setErrors(errs);
    return errs.length === 0;
  }
  return { errors, busy, send };
}

function ResponseForm({ episode, act }: { episode: Episode; act: Act }) {
  const [response, setResponse] = useState(episode.response ?? '');
  const [respondedOn, setRespondedOn] = useState(episode.respondedOn ?? londonToday());
  const [close, setClose] = useState(false);
  const { errors, busy, send } = useForm(act);
  return (
    <form
      noValidate
      className="action"
      aria-labelledby="h-response"
      onSubmit={(e) => {
        e.preventDefault();
        void send('recordEarlyHelpResponse', {
          response: response || null,
          respondedOn: respondedOn || null,
          close: response === 'DECLINED' && close,
        });
      }}
    >
      <h3 id="h-response">The family’s response</h3>
      <ErrorSummary
        errors={errors}
        fieldIds={{
          response: 'eh-response-ACCEPTED',
          respondedOn: 'eh-responded-on',
          close: 'eh-close-declined',
        }}
      />
      <fieldset {...describedBy('eh-response', errors, 'response')}>
        <legend>Did the family accept early help?</legend>
        <FieldError id="eh-response" errors={errors} field="response" />
        <div className="radios inline">
          {Object.entries(EARLY_HELP_RESPONSES).map(([value, words]) => (
            <div className="radio" key={value}>
              <input
                type="radio"
                name="eh-response"
                id={`eh-response-${value}`}
                checked={response === value}
                onChange={() => setResponse(value)}
              />
              <label htmlFor={`eh-response-${value}`}>{words}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <DateField
        id="eh-responded-on"
        label="Date of the family’s answer"
        field="respondedOn"
        value={respondedOn}
        onChange={setRespondedOn}
        errors={errors}
        hint="Not in the future, not before the step-down."
      />
      {response === 'DECLINED' ? (
        <div className="checkbox">
          <input
            type="checkbox"
            id="eh-close-declined"
            checked={close}
            onChange={(e) => setClose(e.target.checked)}
            {...describedBy('eh-close-declined', errors, 'close')}
          />
          <label htmlFor="eh-close-declined">Close the episode: the family declined</label>
          <FieldError id="eh-close-declined" errors={errors} field="close" />
        </div>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        Record the response
      </button>
    </form>
  );
}

function AssessmentForm({ episode, act }: { episode: Episode; act: Act }) {
  const a = episode.assessment;
  const [startedOn, setStartedOn] = useState(a?.startedOn ?? londonToday());
  const [completedOn, setCompletedOn] = useState(a?.completedOn ?? '');
  const [organisation, setOrganisation] = useState(a?.organisation ?? '');
  const { errors, busy, send } = useForm(act);
  return (
    <form
      noValidate
      className="action"
      aria-labelledby="h-assessment"
      onSubmit={(e) => {
        e.preventDefault();
        void send('recordEarlyHelpAssessment', {
          startedOn: startedOn || null,
          completedOn: completedOn || null,
          organisation: organisation.trim() || null,
        });
      }}
    >
      <h3 id="h-assessment">
        {a ? 'The early help assessment' : 'Record the early help assessment'}
      </h3>
      <ErrorSummary
        errors={errors}
        fieldIds={{
          startedOn: 'eh-started-on',
          completedOn: 'eh-completed-on',
          organisation: 'eh-organisation',
        }}
      />
      <DateField
        id="eh-started-on"
        label="Started on"
        field="startedOn"
        value={startedOn}
        onChange={setStartedOn}
        errors={errors}
      />
      <DateField
        id="eh-completed-on"
        label="Completed on (if completed)"
        field="completedOn"
        value={completedOn}
        onChange={setCompletedOn}
        errors={errors}
        hint="Leave empty while the assessment is under way."
      />
      <div className="field">
        <label htmlFor="eh-organisation">Organisation that completed it</label>
        <p className="hint" id="eh-organisation-hint">
          Required with a completion date, 2 to 200 characters, e.g. Early Help North or a school.
        </p>
        <FieldError id="eh-organisation" errors={errors} field="organisation" />
        <input
          type="text"
          id="eh-organisation"
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
          {...describedBy('eh-organisation', errors, 'organisation', true)}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Record the assessment
      </button>
    </form>
  );
}

function LeadForm({ episode, act }: { episode: Episode; act: Act }) {
  const [lead, setLead] = useState(episode.leadPractitioner ?? '');
  const { errors, busy, send } = useForm(act);
  return (
    <form
      noValidate
      className="action"
      aria-labelledby="h-lead"
      onSubmit={(e) => {
        e.preventDefault();
        void send('setEarlyHelpLeadPractitioner', { leadPractitioner: lead });
      }}
    >
      <h3 id="h-lead">Lead practitioner</h3>
      <ErrorSummary errors={errors} fieldIds={{ leadPractitioner: 'eh-lead' }} />
      <div className="field">
        <label htmlFor="eh-lead">Lead practitioner’s name and role</label>
        <p className="hint" id="eh-lead-hint">
          2 to 200 characters, e.g. Jo Marsh, family support worker.
        </p>
        <FieldError id="eh-lead" errors={errors} field="leadPractitioner" />
        <input
          type="text"
          id="eh-lead"
          value={lead}
          onChange={(e) => setLead(e.target.value)}
          {...describedBy('eh-lead', errors, 'leadPractitioner', true)}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Save the lead practitioner
      </button>
    </form>
  );
}

function CloseForm({ act }: { act: Act }) {
  const [closedOn, setClosedOn] = useState(londonToday());
  const [reason, setReason] = useState('');
  const { errors, busy, send } = useForm(act);
  return (
    <form
      noValidate
      className="action"
      aria-labelledby="h-close"
      onSubmit={(e) => {
        e.preventDefault();
        void send('closeEarlyHelpEpisode', { closedOn: closedOn || null, reason: reason || null });
      }}
    >
      <h3 id="h-close">Close the episode</h3>
      <ErrorSummary errors={errors} fieldIds={{ closedOn: 'eh-closed-on', reason: 'eh-reason' }} />
      <DateField
        id="eh-closed-on"
        label="Closed on"
        field="closedOn"
        value={closedOn}
        onChange={setClosedOn}
        errors={errors}
        hint="Not before any date recorded on the episode."
      />
      <div className="field">
        <label htmlFor="eh-reason">Why it closes</label>
        <FieldError id="eh-reason" errors={errors} field="reason" />
        <select
          id="eh-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...describedBy('eh-reason', errors, 'reason')}
        >
          <option value="">Choose a reason</option>
          {Object.entries(CLOSURE_REASONS)
            // A step-up is recorded by stepping up, which makes the new contact.
            .filter(([value]) => value !== 'STEPPED_UP')
            .map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={busy}>
        Close the episode
      </button>
    </form>
  );
}

function StepUpForm({ act }: { act: Act }) {
  const [concern, setConcern] = useState('');
  const [referrer, setReferrer] = useState('');
  const { errors, busy, send } = useForm(act);
  return (
    <form
      noValidate
      className="action"
      aria-labelledby="h-step-up"
      onSubmit={(e) => {
        e.preventDefault();
        void send('stepUpEarlyHelp', { concern, referrer: referrer.trim() || null });
      }}
    >
      <h3 id="h-step-up">Step up to the MASH</h3>
      <p>
        Records a new MASH contact about the child (source 5D, early help) and closes this episode
        as stepped up.
      </p>
      <ErrorSummary errors={errors} fieldIds={{ concern: 'eh-concern', referrer: 'eh-referrer' }} />
      <div className="field">
        <label htmlFor="eh-concern">The concern</label>
        <p className="hint" id="eh-concern-hint">
          What has changed and why the family needs the MASH now, 10 to 4000 characters.
        </p>
        <FieldError id="eh-concern" errors={errors} field="concern" />
        <textarea
          id="eh-concern"
          rows={4}
          value={concern}
          onChange={(e) => setConcern(e.target.value)}
          {...describedBy('eh-concern', errors, 'concern', true)}
        />
      </div>
      <div className="field">
        <label htmlFor="eh-referrer">Who makes the contact</label>
        <p className="hint" id="eh-referrer-hint">
          Leave empty for you and your provider.
        </p>
        <FieldError id="eh-referrer" errors={errors} field="referrer" />
        <input
          type="text"
          id="eh-referrer"
          value={referrer}
          onChange={(e) => setReferrer(e.target.value)}
          {...describedBy('eh-referrer', errors, 'referrer', true)}
        />
      </div>
      <button type="submit" className="button button-warning" disabled={busy}>
        Step up to the MASH
      </button>
    </form>
  );
}

/** What each change says when it is made. */
const DONE: Record<string, string> = {
  recordEarlyHelpResponse: 'The family’s response is recorded.',
  recordEarlyHelpAssessment: 'The assessment is recorded.',
  setEarlyHelpLeadPractitioner: 'The lead practitioner is saved.',
  closeEarlyHelpEpisode: 'The episode is closed.',
  stepUpEarlyHelp: 'Stepped up: a new MASH contact is recorded and the episode is closed.',
};

/**
 * One early help episode: the child, the offer, the family's response, the assessment, the lead
 * practitioner and how it ended, and the changes the user's role may make while it is open. Each
 * change names the version shown; a conflict reloads the episode and keeps what the user typed.
 */
export function EarlyHelpEpisodePage({ user, episodeId }: { user: User; episodeId: string }) {
  const [episode, setEpisode] = useState<Episode | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [loaded, setLoaded] = useState(false);
  /** What the user's last change did, announced. */
  const [notice, setNotice] = useState<string | null>(null);
  const noticeBox = useRef<HTMLParagraphElement>(null);

  const load = useCallback(async () => {
    const { data, errors: errs } = await gql<{ earlyHelpEpisode: Episode | null }>(
      `query EarlyHelpEpisode($id: ID!) { earlyHelpEpisode(id: $id) { ${EPISODE} } }`,
      { id: episodeId },
    );
    setEpisode(data?.earlyHelpEpisode ?? null);
    setErrors(errs);
    setLoaded(true);
    return data?.earlyHelpEpisode ?? null;
  }, [episodeId]);

  useEffect(() => {
    void load();
  }, [load]);

  const act: Act = async (mutation, input) => {
    if (!episode) return [];
    setNotice(null);
    const { data, errors: errs } = await gql<Record<string, Episode>>(
      `mutation Change($input: ${mutation[0].toUpperCase() + mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${EPISODE} } }`,
      { input: { episodeId: episode.id, version: episode.version, ...input } },
    );
    const changed = data?.[mutation];
    if (errs.length === 0 && changed) {
      setEpisode(changed);
      setNotice(DONE[mutation] ?? 'Saved.');
      // A change that closes the episode removes the form it came from: keep the focus nearby.
      if (!changed.open) window.setTimeout(() => noticeBox.current?.focus(), 0);
    } else if (errs.some((e) => e.code === 'VERSION_CONFLICT' || e.code === 'EPISODE_CLOSED')) {
      const now = await load();
      // Closed meanwhile: the forms, and the errors in them, are gone; say why here.
      if (now && !now.open) {
        setNotice('Someone else closed this episode while you were working on it.');
        window.setTimeout(() => noticeBox.current?.focus(), 0);
      }
    }
    return episodeErrors(errs);
  };

  if (!episode) {
    return (
      <>
        <h1 tabIndex={-1}>Early help episode {episodeId}</h1>
        <ErrorSummary errors={errors} />
        {loaded && errors.length === 0 ? (
          <p>There is no early help episode {episodeId}.</p>
        ) : !loaded ? (
          <p role="status">Loading…</p>
        ) : null}
      </>
    );
  }
  const works = worksEarlyHelp(user);
  const mash = isSocialcareMash(user);
  return (
    <>
      <h1 tabIndex={-1}>
        Early help for {episode.child ? childName(episode.child) : 'a child'} ({episode.id})
      </h1>
      <p className="lead">
        {statusText(episode)}. Version {episode.version}.{' '}
        <a href={href('early-help')}>All episodes</a>
      </p>
      <ErrorSummary errors={errors} />
      <p role="status" tabIndex={-1} ref={noticeBox} className={notice ? 'notice' : undefined}>
        {notice}
      </p>
      <div className="columns">
        <section aria-labelledby="h-episode">
          <h2 id="h-episode">The episode</h2>
          <dl className="fields">
            <div>
              <dt>Child</dt>
              <dd>
                <ChildName child={episode.child} user={user} />
                {episode.child?.dateOfBirth
                  ? `, born ${formatDate(episode.child.dateOfBirth)}`
                  : ''}
              </dd>
            </div>
            <div>
              <dt>Stepped down</dt>
              <dd>
                {formatDay(episode.steppedDownAt)}, contact{' '}
                {mash ? (
                  <a href={href('contact', episode.stepDownContactId)}>
                    {episode.stepDownContactId}
                  </a>
                ) : (
                  episode.stepDownContactId
                )}
              </dd>
            </div>
            <div>
              <dt>Offered to</dt>
              <dd>{episode.provider.name}</dd>
            </div>
            <div>
              <dt>Family response</dt>
              <dd>{responseText(episode)}</dd>
            </div>
            <div>
              <dt>Assessment</dt>
              <dd>{assessmentText(episode)}</dd>
            </div>
            <div>
              <dt>Lead practitioner</dt>
              <dd>{episode.leadPractitioner ?? 'None yet'}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{statusText(episode)}</dd>
            </div>
            {episode.stepUpContactId ? (
              <div>
                <dt>Stepped up as</dt>
                <dd>
                  contact{' '}
                  {mash ? (
                    <a href={href('contact', episode.stepUpContactId)}>{episode.stepUpContactId}</a>
                  ) : (
                    episode.stepUpContactId
                  )}
                </dd>
              </div>
            ) : null}
          </dl>
        </section>
        <div>
          <h2>Actions</h2>
          {!episode.open ? <p>This episode is closed: nothing more is recorded on it.</p> : null}
          {episode.open && !works ? (
            <p>Your role reads early help episodes; it does not change them.</p>
          ) : null}
          {episode.open && works ? (
            <>
              <ResponseForm episode={episode} act={act} />
              {episode.response === 'ACCEPTED' ? (
                <AssessmentForm episode={episode} act={act} />
              ) : (
                <p>Record the family’s acceptance before the early help assessment.</p>
              )}
              <LeadForm episode={episode} act={act} />
              <CloseForm act={act} />
              <StepUpForm act={act} />
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}
