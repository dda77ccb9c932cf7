import { useCallback, useEffect, useState } from 'react';
import { agencyName, gql, type ApiError } from '../api';
import {
  ClockView,
  ContactClocks,
  type ClockData,
  type ContactClocksData,
} from '../components/ClockView';
import { describedBy, ErrorSummary, FieldError } from '../components/Errors';
import { Rag } from '../components/Rag';
import { CHECK_OUTCOMES, CONSENT, OUTCOMES, PARTNERS, RAGS, stageName } from '../codes';
import { href } from '../router';
import { isMash, isSocialcareMash, type User } from '../session';
import { formatInstant, useNow } from '../time';

const CLOCK = 'startedAt dueAt stoppedAt status';
const CONTACT_FIELDS = `
  id receivedAt referrer concern rag ragReason stage team version recordedAt recordedBy closedAt screenedBy
  source { code label }
  ratings { rag reason ratedBy ratedAt }
  clocks { ragResponse { ${CLOCK} } decisionWithin24Hours { ${CLOCK} } decisionWithinOneWorkingDay { ${CLOCK} } }
  partnerChecks { agency requestedAt requestedBy answeredAt answeredBy outcome withdrawnAt clock { ${CLOCK} } }
  outstandingChecks
  decisions {
    child { id givenName familyName dateOfBirth }
    decidedAt level outcome decidedBy rationale consent lawfulBasis
    referral { id createdAt completedAt completedBy clock { ${CLOCK} } }
  }`;

interface ContactRecord {
  id: string;
  receivedAt: string;
  referrer: string;
  concern: string;
  rag: string | null;
  ragReason: string | null;
  stage: string;
  team: string;
  version: number;
  recordedAt: string;
  recordedBy: string | null;
  closedAt: string | null;
  screenedBy: string | null;
  source: { code: string; label: string };
  ratings: { rag: string; reason: string; ratedBy: string | null; ratedAt: string }[];
  clocks: ContactClocksData;
  partnerChecks: {
    agency: string;
    requestedAt: string;
    requestedBy: string | null;
    answeredAt: string | null;
    answeredBy: string | null;
    outcome: string | null;
    withdrawnAt: string | null;
    clock: ClockData | null;
  }[];
  outstandingChecks: string[];
  decisions: {
    child: {
      id: string;
      givenName: string | null;
      familyName: string | null;
      dateOfBirth: string | null;
    };
    decidedAt: string | null;
    level: number | null;
    outcome: string | null;
    decidedBy: string | null;
    rationale: string | null;
    consent: string | null;
    lawfulBasis: string | null;
    referral: {
      id: string;
      createdAt: string;
      completedAt: string | null;
      completedBy: string | null;
      clock: ClockData;
    } | null;
  }[];
}

type Mutate = (name: string, input: Record<string, unknown>) => Promise<ApiError[]>;

/** The result of one action: a conflict reloads the contact but keeps what the user typed. */
function useAction(contact: ContactRecord, reload: () => Promise<void>): Mutate {
  return async (name, input) => {
    const { errors } = await gql<Record<string, { id: string }>>(
      `mutation Act($input: ${name[0].toUpperCase() + name.slice(1)}Input!) { ${name}(input: $input) { id version } }`,
      { input: { contactId: contact.id, version: contact.version, ...input } },
      { purpose: `contact:${contact.id}` },
    );
    if (errors.length === 0 || errors.some((e) => e.code === 'VERSION_CONFLICT')) await reload();
    return errors;
  };
}

function ScreenForm({ contact, act }: { contact: ContactRecord; act: Mutate }) {
  const [rag, setRag] = useState(contact.rag ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setDone(false);
    const errs = await act('screenContact', { rag: rag || null, reason });
    setBusy(false);
    setErrors(errs);
    if (errs.length === 0) {
      setReason('');
      setDone(true);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby="h-screen">
      <h3 id="h-screen">{contact.rag ? 'Change the RAG rating' : 'Screen and rate'}</h3>
      <ErrorSummary errors={errors} fieldIds={{ rag: 'screen-rag-RED', reason: 'screen-reason' }} />
      {done ? (
        <p role="status" className="notice">
          Rating saved.
        </p>
      ) : null}
      <fieldset {...describedBy('screen-rag', errors, 'rag')}>
        <legend>RAG rating</legend>
        <FieldError id="screen-rag" errors={errors} field="rag" />
        <div className="radios inline">
          {RAGS.map((r) => (
            <div className="radio" key={r}>
              <input
                type="radio"
                name="rag"
                id={`screen-rag-${r}`}
                value={r}
                checked={rag === r}
                onChange={() => setRag(r)}
              />
              <label htmlFor={`screen-rag-${r}`}>
                <Rag rag={r} />
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="screen-reason">Why this rating</label>
        <p className="hint" id="screen-reason-hint">
          10 to 1000 characters.
        </p>
        <FieldError id="screen-reason" errors={errors} field="reason" />
        <textarea
          id="screen-reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...describedBy('screen-reason', errors, 'reason', true)}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Save rating
      </button>
    </form>
  );
}

function RequestChecksForm({ contact, act }: { contact: ContactRecord; act: Mutate }) {
  const asked = new Set(contact.partnerChecks.map((c) => c.agency));
  const [agencies, setAgencies] = useState<string[]>([]);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const errs = await act('requestPartnerChecks', { agencies });
    setBusy(false);
    setErrors(errs);
    if (errs.length === 0) setAgencies([]);
  }
  const open = PARTNERS.filter((p) => !asked.has(p));
  if (open.length === 0) return null;
  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby="h-request">
      <h3 id="h-request">Ask partner agencies to check</h3>
      <ErrorSummary errors={errors} fieldIds={{ agencies: `request-${open[0]}` }} />
      <fieldset {...describedBy('request', errors, 'agencies')}>
        <legend>Agencies to ask</legend>
        <FieldError id="request" errors={errors} field="agencies" />
        {open.map((p) => (
          <div className="checkbox" key={p}>
            <input
              type="checkbox"
              id={`request-${p}`}
              checked={agencies.includes(p)}
              onChange={() =>
                setAgencies(
                  agencies.includes(p) ? agencies.filter((a) => a !== p) : [...agencies, p],
                )
              }
            />
            <label htmlFor={`request-${p}`}>{agencyName(p)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        Request checks
      </button>
    </form>
  );
}

function AnswerCheckForm({ agency, act }: { agency: string; act: Mutate }) {
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const errs = await act('recordPartnerCheck', { agency, outcome: outcome || null });
    setBusy(false);
    setErrors(errs);
  }
  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby="h-answer">
      <h3 id="h-answer">Answer {agencyName(agency).toLowerCase()}'s check</h3>
      <p>
        Put what you share in {agencyName(agency).toLowerCase()}'s own section of the child; here,
        say only what you found.
      </p>
      <ErrorSummary errors={errors} fieldIds={{ outcome: 'answer-INFORMATION_SHARED' }} />
      <fieldset {...describedBy('answer', errors, 'outcome')}>
        <legend>What the check found</legend>
        <FieldError id="answer" errors={errors} field="outcome" />
        {Object.entries(CHECK_OUTCOMES).map(([value, words]) => (
          <div className="radio" key={value}>
            <input
              type="radio"
              name="outcome"
              id={`answer-${value}`}
              checked={outcome === value}
              onChange={() => setOutcome(value)}
            />
            <label htmlFor={`answer-${value}`}>{words}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        Record the answer
      </button>
    </form>
  );
}

function DecisionForm({
  child,
  act,
}: {
  child: ContactRecord['decisions'][number]['child'];
  act: Mutate;
}) {
  const id = `decide-${child.id}`;
  const [level, setLevel] = useState('');
  const [outcome, setOutcome] = useState('');
  const [rationale, setRationale] = useState('');
  const [consent, setConsent] = useState('');
  const [lawfulBasis, setLawfulBasis] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const errs = await act('recordThresholdDecision', {
      childId: child.id,
      level: level ? Number(level) : null,
      outcome: outcome || null,
      rationale,
      consent: consent || null,
      lawfulBasis: consent && consent !== 'GIVEN' ? lawfulBasis : null,
    });
    setBusy(false);
    setErrors(errs);
  }
  const who = [child.givenName, child.familyName].filter(Boolean).join(' ') || child.id;
  return (
    <form onSubmit={submit} noValidate className="action" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Threshold decision for {who}</h3>
      <ErrorSummary
        errors={errors}
        fieldIds={{
          level: `${id}-level`,
          outcome: `${id}-outcome`,
          rationale: `${id}-rationale`,
          consent: `${id}-consent-GIVEN`,
          lawfulBasis: `${id}-lawful`,
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-level`}>Level of need</label>
        <FieldError id={`${id}-level`} errors={errors} field="level" />
        <select
          id={`${id}-level`}
          value={level}
          onChange={(e) => setLevel(e.target.value)}
          {...describedBy(`${id}-level`, errors, 'level')}
        >
          <option value="">Choose a level</option>
          <option value="1">1: universal</option>
          <option value="2">2: early help</option>
          <option value="3">3: child in need</option>
          <option value="4">4: child protection</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <FieldError id={`${id}-outcome`} errors={errors} field="outcome" />
        <select
          id={`${id}-outcome`}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          {...describedBy(`${id}-outcome`, errors, 'outcome')}
        >
          <option value="">Choose an outcome</option>
          {Object.entries(OUTCOMES).map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-rationale`}>Rationale</label>
        <p className="hint" id={`${id}-rationale-hint`}>
          Why this decision, 10 to 4000 characters.
        </p>
        <FieldError id={`${id}-rationale`} errors={errors} field="rationale" />
        <textarea
          id={`${id}-rationale`}
          rows={4}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          {...describedBy(`${id}-rationale`, errors, 'rationale', true)}
        />
      </div>
      <fieldset {...describedBy(`${id}-consent`, errors, 'consent')}>
        <legend>Consent</legend>
        <FieldError id={`${id}-consent`} errors={errors} field="consent" />
        {Object.entries(CONSENT).map(([value, words]) => (
          <div className="radio" key={value}>
            <input
              type="radio"
              name={`${id}-consent`}
              id={`${id}-consent-${value}`}
              checked={consent === value}
              onChange={() => setConsent(value)}
            />
            <label htmlFor={`${id}-consent-${value}`}>{words}</label>
          </div>
        ))}
      </fieldset>
      {consent && consent !== 'GIVEN' ? (
        <div className="field">
          <label htmlFor={`${id}-lawful`}>Lawful basis for going ahead without consent</label>
          <p className="hint" id={`${id}-lawful-hint`}>
            10 to 1000 characters, e.g. "DPA 2018 Sch 1 para 18: seeking consent would put the child
            at risk of significant harm".
          </p>
          <FieldError id={`${id}-lawful`} errors={errors} field="lawfulBasis" />
          <textarea
            id={`${id}-lawful`}
            rows={2}
            value={lawfulBasis}
            onChange={(e) => setLawfulBasis(e.target.value)}
            {...describedBy(`${id}-lawful`, errors, 'lawfulBasis', true)}
          />
        </div>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        Record the decision
      </button>
    </form>
  );
}

/**
 * One contact from receipt to decision: its clocks live, its ratings, partner checks and
 * decisions, and the actions the user's role allows at its stage. A validation error is shown
 * next to its field; a conflict reloads the contact and keeps what the user typed.
 */
export function ContactPage({ user, contactId }: { user: User; contactId: string }) {
  const now = useNow(1000);
  const [contact, setContact] = useState<ContactRecord | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [loaded, setLoaded] = useState(false);

  const load = useCallback(async () => {
    const { data, errors: errs } = await gql<{ contact: ContactRecord | null }>(
      `query Contact($id: ID!) { contact(id: $id) { ${CONTACT_FIELDS} } }`,
      { id: contactId },
      { purpose: `contact:${contactId}` },
    );
    setContact(data?.contact ?? null);
    setErrors(errs);
    setLoaded(true);
  }, [contactId]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = useAction(contact ?? ({ id: contactId, version: 0 } as ContactRecord), load);
  if (!contact) {
    return (
      <>
        <h1 tabIndex={-1}>Contact {contactId}</h1>
        <ErrorSummary errors={errors} />
        {loaded && errors.length === 0 ? (
          <p>There is no contact {contactId}.</p>
        ) : !loaded ? (
          <p role="status">Loading…</p>
        ) : null}
      </>
    );
  }
  const open = !contact.closedAt;
  const decider = isSocialcareMash(user);
  const myCheck = contact.partnerChecks.find(
    (c) => c.agency === user.agency && !c.answeredAt && !c.withdrawnAt,
  );
  return (
    <>
      <h1 tabIndex={-1}>
        Contact {contact.id} <Rag rag={contact.rag} />
      </h1>
      <p className="lead">
        {stageName(contact.stage)}
        {contact.closedAt ? `, closed ${formatInstant(contact.closedAt)}` : ''}. Version{' '}
        {contact.version}.
      </p>
      <ErrorSummary errors={errors} />
      <div className="columns">
        <div>
          <section aria-labelledby="h-about">
            <h2 id="h-about">The contact</h2>
            <dl className="fields">
              <div>
                <dt>Received</dt>
                <dd>{formatInstant(contact.receivedAt)}</dd>
              </div>
              <div>
                <dt>Source</dt>
                <dd>
                  {contact.source.code}: {contact.source.label}
                </dd>
              </div>
              <div>
                <dt>Referrer</dt>
                <dd>{contact.referrer}</dd>
              </div>
              <div>
                <dt>Team</dt>
                <dd>{contact.team}</dd>
              </div>
              <div>
                <dt>Recorded</dt>
                <dd>
                  {formatInstant(contact.recordedAt)}
                  {contact.recordedBy ? ` by ${contact.recordedBy}` : ''}
                </dd>
              </div>
            </dl>
            <h3>Concern</h3>
            <p className="concern">{contact.concern}</p>
          </section>
          <section aria-labelledby="h-clocks">
            <h2 id="h-clocks">Clocks</h2>
            <ContactClocks clocks={contact.clocks} now={now} long />
          </section>
          <section aria-labelledby="h-children">
            <h2 id="h-children">Children and decisions</h2>
            {contact.decisions.map((d) => (
              <div key={d.child.id} className="decision">
                <h3>
                  <a href={href('child', d.child.id)}>
                    {[d.child.givenName, d.child.familyName].filter(Boolean).join(' ') ||
                      d.child.id}
                  </a>
                </h3>
                {d.decidedAt ? (
                  <dl className="fields">
                    <div>
                      <dt>Decided</dt>
                      <dd>
                        {formatInstant(d.decidedAt)} by {d.decidedBy}
                      </dd>
                    </div>
                    <div>
                      <dt>Level</dt>
                      <dd>{d.level}</dd>
                    </div>
                    <div>
                      <dt>Outcome</dt>
                      <dd>{OUTCOMES[d.outcome ?? ''] ?? d.outcome}</dd>
                    </div>
                    <div>
                      <dt>Rationale</dt>
                      <dd>{d.rationale}</dd>
                    </div>
                    <div>
                      <dt>Consent</dt>
                      <dd>
                        {CONSENT[d.consent ?? ''] ?? d.consent}
                        {d.lawfulBasis ? `: ${d.lawfulBasis}` : ''}
                      </dd>
                    </div>
                    {d.referral ? (
                      <div>
                        <dt>Referral</dt>
                        <dd>
                          {d.referral.id},{' '}
                          <ClockView label="72 hours" clock={d.referral.clock} now={now} />
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                ) : (
                  <p>No decision yet.</p>
                )}
              </div>
            ))}
          </section>
          <section aria-labelledby="h-ratings">
            <h2 id="h-ratings">Ratings</h2>
            {contact.ratings.length === 0 ? (
              <p>Not screened yet.</p>
            ) : (
              <ol className="plain">
                {contact.ratings.map((r, i) => (
                  <li key={i}>
                    <Rag rag={r.rag} /> {formatInstant(r.ratedAt)}
                    {r.ratedBy ? ` by ${r.ratedBy}` : ''}: {r.reason}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="h-checks">
            <h2 id="h-checks">Partner checks</h2>
            {contact.partnerChecks.length === 0 ? (
              <p>None requested.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Agency</th>
                      <th scope="col">Requested</th>
                      <th scope="col">Answer</th>
                      <th scope="col">Clock</th>
                    </tr>
                  </thead>
                  <tbody>
                    {contact.partnerChecks.map((c) => (
                      <tr key={c.agency}>
                        <td>{agencyName(c.agency)}</td>
                        <td>{formatInstant(c.requestedAt)}</td>
                        <td>
                          {c.withdrawnAt
                            ? 'Withdrawn (decided first)'
                            : c.outcome
                              ? `${CHECK_OUTCOMES[c.outcome]} (${formatInstant(c.answeredAt)})`
                              : 'Awaited'}
                        </td>
                        <td>
                          <ClockView label="Due" clock={c.clock} now={now} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
        <div>
          <h2>Actions</h2>
          {!open ? <p>This contact is closed: every child has a decision.</p> : null}
          {open && decider ? (
            <ScreenForm key={`screen-${contact.id}`} contact={contact} act={act} />
          ) : null}
          {open && decider && contact.rag && contact.rag !== 'BLUE' ? (
            <RequestChecksForm contact={contact} act={act} />
          ) : null}
          {open && myCheck && isMash(user) ? (
            <AnswerCheckForm agency={myCheck.agency} act={act} />
          ) : null}
          {open && decider && contact.rag
            ? contact.decisions
                .filter((d) => !d.decidedAt)
                .map((d) => <DecisionForm key={d.child.id} child={d.child} act={act} />)
            : null}
          {open && !decider && !myCheck ? (
            <p>Your role does not act on this contact at this stage.</p>
          ) : null}
        </div>
      </div>
    </>
  );
}
