import { useCallback, useEffect, useState } from 'react';
import { agencyName, describeError, errorsAt, gql, type ApiError } from '../api';
import { ErrorSummary } from '../components/Errors';
import { label, RecordFields, RecordTable } from '../components/Records';
import { href, navigate } from '../router';
import { agencyEntry, PARTNER_AGENCIES } from '../agencies';
import { isMash, readsEarlyHelp, type User } from '../session';
import { formatDate, formatDay, formatInstant } from '../time';
import { assessmentText, responseText, statusText, type Episode } from './EarlyHelp';

/** A partner agency's subgraph name (its section's field on Child). */
type Partner = string;
const PARTNERS: Partner[] = PARTNER_AGENCIES.map((a) => a.name);

const MATCH =
  'match { level reasons agencyReference score candidates { agencyReference score reasons } }';
/**
 * The child query; with `earlyHelp`, the child's early help episodes too (asked only by a user who
 * may read them, so nobody else's view records a refusal).
 */
const childQuery = (earlyHelp: boolean) => `query Child($id: ID!) {
  child(id: $id) {
    id givenName familyName dateOfBirth sex postcode nhsNumber upn hasOpenContact caseTeam
    matchDecisions { agency agencyReference decision reason decidedBy decidedAt }
    household { id addressLine postcode
      adults { id givenName familyName dateOfBirth relationship }
      children { id givenName familyName dateOfBirth } }
    ${earlyHelp ? 'earlyHelpEpisodes { id steppedDownAt provider { id name } response respondedOn assessment { startedOn completedOn organisation } open closedOn closureReason }' : ''}
    ${PARTNERS.map((p) => `${p} { ${MATCH} summary }`).join('\n    ')}
    chronology { at agency kind summary severity }
  }
}`;

/** Each agency's detail, fetched when the practitioner opens it. */
const DETAIL: Partial<Record<Partner, string>> = {
  police: `person { pncId givenName familyName dateOfBirth postcode }
    domesticAbuse { occurredAt dashRisk childrenPresent previousIncidents role }
    missingEpisodes { startedAt endedAt returnInterviewOffered returnInterviewDone }
    arrests { arrestedAt offenceCategory offence outcome }
    maracReferrals { referredAt conferenceDate }
    courtOrders { kind madeOn expiresOn inForce }
    occurrences { reference occurredAt category role summary }
    intelligence { recordedAt sourceGrade informationGrade handlingCode content }`,
  health: `patient { nhsNumber givenName familyName dateOfBirth postcode gpPractice { code name } }
    safeguardingFlags { code startsOn endsOn active note }
    attendances { arrivedAt setting site presentingReason }
    communityContacts { at service kind wasNotBrought note }
    camhsReferrals { referredOn reason status }
    gpRegistrations { practice { code name } registeredFrom registeredTo current }
    maternity { bookedOn expectedDeliveryDate deliveredOn concernsNoted concerns }`,
  education: `pupil { upn givenName familyName dateOfBirth postcode }
    currentSchool { urn name phase }
    attendance { academicYear term attendancePercent persistentlyAbsent severelyAbsent unauthorisedAbsences }
    exclusions { kind startDate sessions reason school { name } }
    senProvision { provision primaryNeed startDate endDate current }
    homeEducation { startDate endDate current }
    missingEducation { reportedOn resolvedOn reason open }
    enrolments { school { name } startDate endDate current }
    freeSchoolMeals { eligibleNow }`,
  probation: `linkedAdults { relationship sameHousehold recordedOn
      case { crn supervision supervisionEndsOn offenderManager { name }
        riskOfSeriousHarm { level } managedUnderMappa mappa { category level } } }`,
};

interface Match {
  level: string;
  reasons: string[];
  agencyReference: string | null;
  score: number | null;
  candidates: { agencyReference: string; score: number; reasons: string[] }[];
}
interface Section {
  match: Match;
  summary: string;
}
interface ChildRecord {
  id: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string;
  postcode: string | null;
  nhsNumber: string | null;
  upn: string | null;
  hasOpenContact: boolean;
  caseTeam: string | null;
  matchDecisions:
    | {
        agency: string;
        agencyReference: string;
        decision: string;
        reason: string;
        decidedBy: string;
        decidedAt: string;
      }[]
    | null;
  household: {
    id: string;
    addressLine: string;
    postcode: string;
    adults: {
      id: string;
      givenName: string;
      familyName: string;
      dateOfBirth: string | null;
      relationship: string;
    }[];
    children: {
      id: string;
      givenName: string | null;
      familyName: string | null;
      dateOfBirth: string | null;
    }[];
  } | null;
  /** Each partner's section, by its name (`police`). */
  [partner: string]: unknown;
  chronology:
    { at: string; agency: string; kind: string; summary: string; severity: string }[] | null;
  /** Asked only of a user who reads early help episodes (`readsEarlyHelp`). */
  earlyHelpEpisodes?:
    | Pick<
        Episode,
        | 'id'
        | 'steppedDownAt'
        | 'provider'
        | 'response'
        | 'respondedOn'
        | 'assessment'
        | 'open'
        | 'closedOn'
        | 'closureReason'
      >[]
    | null;
}

/** A partner's section of the child, as the child query fetched it. */
const sectionOf = (child: ChildRecord, partner: Partner) => child[partner] as Section | null;

const MATCH_WORDS: Record<string, string> = {
  CONFIRMED: 'Confirmed',
  PROBABLE: 'Probable',
  POSSIBLE: 'Possible: nothing is shown until a practitioner confirms it',
  NONE: 'No record found',
};

const name = (p: { givenName?: string | null; familyName?: string | null }) =>
  [p.givenName, p.familyName].filter(Boolean).join(' ') || 'Name not known';

/**
 * An agency that cannot answer: down or slow (AGENCY_UNAVAILABLE), or up but unable to record the
 * disclosure in its audit, so disclosing nothing (AUDIT_UNAVAILABLE, e.g. its database is down).
 */
const UNAVAILABLE = new Set(['AGENCY_UNAVAILABLE', 'AUDIT_UNAVAILABLE']);

/**
 * The errors that explain a missing section: those at its path, and an agency's unavailability
 * wherever the gateway put it (a failed entity fetch may carry no path into the child).
 */
function sectionErrors(errors: ApiError[], agency: Partner): ApiError[] {
  const atPath = errorsAt(errors, ['child', agency]);
  const down = errors.filter(
    (e) => e.code === 'AGENCY_UNAVAILABLE' && e.serviceName === agency && !atPath.includes(e),
  );
  return [...down, ...atPath];
}

/** Why a section is missing, from the errors at its path: withheld by a rule, or unavailable. */
function SectionMissing({ agency, errors }: { agency: string; errors: ApiError[] }) {
  const unavailable = errors.find((e) => UNAVAILABLE.has(e.code));
  if (unavailable) {
    return (
      <p className="status status-unavailable">
        <strong>Unavailable.</strong> {agencyName(agency)} cannot be reached just now, so its
        section is missing. Try again shortly.
      </p>
    );
  }
  const refusal = errors[0];
  return (
    <p className="status status-withheld">
      <strong>Withheld.</strong>{' '}
      {refusal ? describeError(refusal) : `${agencyName(agency)} disclosed nothing.`}
      {refusal ? <span className="muted"> ({refusal.code})</span> : null}
    </p>
  );
}

function MatchDecisionForm({
  child,
  agency,
  reference,
  onDone,
}: {
  child: string;
  agency: Partner;
  reference: string;
  onDone: (message: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const id = `match-${agency}-${reference}`;
  async function decide(decision: 'CONFIRMED' | 'REJECTED') {
    setBusy(true);
    const { errors: errs } = await gql(
      `mutation Decide($input: RecordMatchDecisionInput!) { recordMatchDecision(input: $input) { id decision } }`,
      {
        input: {
          childId: child,
          agency: agency.toUpperCase(),
          agencyReference: reference,
          decision,
          reason,
        },
      },
      { purpose: `child:${child}` },
    );
    setBusy(false);
    setErrors(errs);
    if (errs.length === 0) {
      onDone(
        `${agencyName(agency)} record ${reference} ${decision === 'CONFIRMED' ? 'confirmed as' : 'rejected for'} this child.`,
      );
    }
  }
  const invalid = errors.length > 0;
  return (
    <form className="match-decision" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-reason`}>Why (10 to 1000 characters)</label>
      <input
        id={`${id}-reason`}
        type="text"
        value={reason}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {invalid ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {errors.map((e) => describeError(e)).join(' ')}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void decide('CONFIRMED')}
      >
        Confirm {reference} is this child
      </button>{' '}
      <button
        type="button"
        className="button button-secondary"
        disabled={busy}
        onClick={() => void decide('REJECTED')}
      >
        Reject {reference}
      </button>
    </form>
  );
}

function AgencySection({
  childId,
  agency,
  section,
  errors,
  user,
  breakGlassReason,
  onChanged,
}: {
  childId: string;
  agency: Partner;
  section: Section | null;
  errors: ApiError[];
  user: User;
  /** The break-glass reason the section was disclosed under, if any: the detail needs it too. */
  breakGlassReason?: string;
  onChanged: (message: string) => void;
}) {
  const [detail, setDetail] = useState<Record<string, unknown> | null>(null);
  const [detailErrors, setDetailErrors] = useState<ApiError[]>([]);
  const [open, setOpen] = useState(false);
  async function loadDetail() {
    const { data, errors: errs } = await gql<{
      child: Record<Partner, Record<string, unknown> | null>;
    }>(
      `query Detail($id: ID!) { child(id: $id) { id ${agency} { ${DETAIL[agency]} } } }`,
      { id: childId },
      {
        purpose: `child:${childId}`,
        breakGlassReason,
        breakGlassChild: breakGlassReason ? childId : undefined,
      },
    );
    setDetail(data?.child?.[agency] ?? null);
    setDetailErrors(errs);
  }
  const candidates = section?.match.level === 'POSSIBLE' ? section.match.candidates : [];
  const canDecide = isMash(user) && user.agency === 'SOCIALCARE';
  return (
    <section
      className={`agency agency-${agency}`}
      style={{ borderTopColor: agencyEntry(agency)?.colour }}
      aria-labelledby={`h-${agency}`}
    >
      <h3 id={`h-${agency}`}>{agencyName(agency)}</h3>
      {section ? (
        <>
          <p className="match">
            <strong>Match:</strong> {MATCH_WORDS[section.match.level] ?? section.match.level}
            {section.match.agencyReference ? ` (${section.match.agencyReference})` : ''}
            {section.match.reasons.length ? (
              <span className="muted">: {section.match.reasons.join('; ')}</span>
            ) : null}
          </p>
          <p className="summary">{section.summary}</p>
          {candidates.length > 0 ? (
            <div className="candidates">
              <h4>Records that may be this child</h4>
              <ul className="plain">
                {candidates.map((c) => (
                  <li key={c.agencyReference}>
                    <strong>{c.agencyReference}</strong>, score {c.score} of 20:{' '}
                    {c.reasons.join('; ')}
                    {canDecide ? (
                      <MatchDecisionForm
                        child={childId}
                        agency={agency}
                        reference={c.agencyReference}
                        onDone={onChanged}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {DETAIL[agency] &&
          (section.match.level === 'CONFIRMED' || section.match.level === 'PROBABLE') ? (
            <details
              onToggle={(e) => {
                const isOpen = (e.target as HTMLDetailsElement).open;
                setOpen(isOpen);
                if (isOpen && !detail) void loadDetail();
              }}
            >
              <summary>Show {agencyName(agency).toLowerCase()} detail</summary>
              {open && !detail && detailErrors.length === 0 ? <p role="status">Loading…</p> : null}
              <ErrorSummary errors={detailErrors.filter((e) => !e.code.startsWith('WITHHELD_'))} />
              {detailErrors.some((e) => e.code.startsWith('WITHHELD_')) ? (
                <p className="status status-withheld">
                  <strong>Some records withheld.</strong>{' '}
                  {detailErrors
                    .filter((e) => e.code.startsWith('WITHHELD_'))
                    .map((e) => e.message)
                    .join(' ')}
                </p>
              ) : null}
              {detail ? (
                <div>
                  {Object.entries(detail).map(([key, value]) =>
                    Array.isArray(value) ? (
                      <RecordTable
                        key={key}
                        title={label(key)}
                        rows={value as Record<string, unknown>[]}
                      />
                    ) : value && typeof value === 'object' ? (
                      <section className="records" key={key}>
                        <h4>{label(key)}</h4>
                        <RecordFields record={value as Record<string, unknown>} />
                      </section>
                    ) : null,
                  )}
                </div>
              ) : null}
            </details>
          ) : null}
        </>
      ) : (
        <SectionMissing agency={agency} errors={errors} />
      )}
    </section>
  );
}

function FindChild() {
  const [nameQuery, setName] = useState('');
  const [dob, setDob] = useState('');
  const [postcode, setPostcode] = useState('');
  const [childId, setChildId] = useState('');
  const [results, setResults] = useState<ChildRecord[] | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  async function search(e: React.FormEvent) {
    e.preventDefault();
    if (childId.trim()) return navigate('child', childId.trim());
    const { data, errors: errs } = await gql<{ searchChildren: ChildRecord[] }>(
      `query Find($name: String, $dob: Date, $postcode: String) { searchChildren(name: $name, dateOfBirth: $dob, postcode: $postcode, first: 20) { id givenName familyName dateOfBirth postcode } }`,
      { name: nameQuery || null, dob: dob || null, postcode: postcode || null },
    );
    setErrors(errs);
    setResults(data?.searchChildren ?? null);
  }
  return (
    <>
      <h1 tabIndex={-1}>Find a child</h1>
      <ErrorSummary errors={errors} />
      <form onSubmit={search} className="search">
        <div className="field">
          <label htmlFor="find-id">Child id</label>
          <input
            id="find-id"
            value={childId}
            onChange={(e) => setChildId(e.target.value)}
            placeholder="e.g. SC100001"
          />
        </div>
        <p>or search by</p>
        <div className="field">
          <label htmlFor="find-name">Name</label>
          <input id="find-name" value={nameQuery} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="find-dob">Date of birth</label>
          <input id="find-dob" type="date" value={dob} onChange={(e) => setDob(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="find-postcode">Postcode</label>
          <input
            id="find-postcode"
            value={postcode}
            onChange={(e) => setPostcode(e.target.value)}
          />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {results ? (
        results.length === 0 ? (
          <p role="status">No children match.</p>
        ) : (
          <ul role="status">
            {results.map((c) => (
              <li key={c.id}>
                <a href={href('child', c.id)}>{name(c)}</a>, born {formatDate(c.dateOfBirth)},{' '}
                {c.postcode} ({c.id})
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}

/**
 * One child, every agency: the local authority's identity and household, each partner's section
 * with its match and summary first (detail a click away), what is withheld and why, what is
 * unavailable, and one chronology across agencies.
 */
export function ChildPage({ user, childId }: { user: User; childId?: string }) {
  const [child, setChild] = useState<ChildRecord | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [loading, setLoading] = useState(false);
  const [breakGlass, setBreakGlass] = useState('');
  const [breakGlassErrors, setBreakGlassErrors] = useState<ApiError[]>([]);
  // The reason is for this child only: the page is keyed by the child's id (main.tsx), so opening
  // another child starts without one.
  const [reason, setReason] = useState<string | undefined>(undefined);
  /** What the user's last change did, announced. */
  const [notice, setNotice] = useState<string | null>(null);
  const earlyHelp = readsEarlyHelp(user);

  const load = useCallback(
    async (withReason?: string) => {
      if (!childId) return;
      setLoading(true);
      const { data, errors: errs } = await gql<{ child: ChildRecord | null }>(
        childQuery(earlyHelp),
        { id: childId },
        {
          purpose: `child:${childId}`,
          breakGlassReason: withReason,
          breakGlassChild: withReason ? childId : undefined,
        },
      );
      setLoading(false);
      if (withReason && errs.some((e) => e.code.startsWith('BAD_BREAK_GLASS_'))) {
        // Refused before anything ran: keep the child as shown and say why beside the reason.
        setBreakGlassErrors(errs);
        return;
      }
      setReason(withReason);
      setBreakGlassErrors([]);
      setChild(data?.child ?? null);
      setErrors(errs);
    },
    [childId, earlyHelp],
  );

  useEffect(() => {
    void load();
  }, [load]);

  function submitBreakGlass(event: React.FormEvent) {
    event.preventDefault();
    // Typographic quotes and dashes become plain ones: a header carries Latin-1 only.
    const text = breakGlass
      .trim()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201C\u201D]/g, '"')
      .replace(/[\u2013\u2014]/g, '-');
    const problem =
      text.length < 20 || text.length > 500
        ? 'Give your reason in 20 to 500 characters.'
        : /[^\x20-\x7E\xA0-\xFF]/.test(text)
          ? 'Use letters, digits and ordinary punctuation only.'
          : null;
    if (problem) {
      setBreakGlassErrors([
        { message: problem, code: 'BAD_BREAK_GLASS_REASON', field: 'breakGlass', extensions: {} },
      ]);
      return;
    }
    void load(text);
  }

  if (!childId) return <FindChild />;
  const pageErrors = errors.filter((e) => !e.path || e.path.length <= 1);
  const noRelationship = errors.some((e) => e.code === 'FORBIDDEN_NO_RELATIONSHIP');
  return (
    <>
      <h1 tabIndex={-1}>{child ? name(child) : loading ? 'Loading child…' : `Child ${childId}`}</h1>
      <ErrorSummary errors={pageErrors} />
      {!loading && !child && pageErrors.length === 0 ? (
        <p>There is no child with id {childId}.</p>
      ) : null}
      {child ? (
        <>
          <section aria-labelledby="h-identity" className="identity">
            <h2 id="h-identity">Identity (social care)</h2>
            <dl className="fields">
              <div>
                <dt>Child id</dt>
                <dd>{child.id}</dd>
              </div>
              <div>
                <dt>Date of birth</dt>
                <dd>{formatDate(child.dateOfBirth) || 'Not known'}</dd>
              </div>
              <div>
                <dt>Sex</dt>
                <dd>{child.sex.toLowerCase()}</dd>
              </div>
              <div>
                <dt>NHS number</dt>
                <dd>{child.nhsNumber ?? 'Not known'}</dd>
              </div>
              <div>
                <dt>UPN</dt>
                <dd>{child.upn ?? 'Not known'}</dd>
              </div>
              <div>
                <dt>Postcode</dt>
                <dd>{child.postcode ?? 'Not known'}</dd>
              </div>
              <div>
                <dt>Open MASH contact</dt>
                <dd>{child.hasOpenContact ? 'Yes' : 'No'}</dd>
              </div>
              <div>
                <dt>Case held by</dt>
                <dd>{child.caseTeam ?? 'No team'}</dd>
              </div>
            </dl>
            <h3>Match with each agency</h3>
            <ul className="plain match-list">
              {PARTNERS.map((p) => (
                <li key={p}>
                  <strong>{agencyName(p)}:</strong>{' '}
                  {sectionOf(child, p)
                    ? MATCH_WORDS[sectionOf(child, p)!.match.level]
                    : sectionErrors(errors, p).some((e) => UNAVAILABLE.has(e.code))
                      ? 'unavailable'
                      : 'withheld'}
                </li>
              ))}
            </ul>
            {child.matchDecisions && child.matchDecisions.length > 0 ? (
              <>
                <h3>Practitioners' match decisions</h3>
                <ul className="plain">
                  {child.matchDecisions.map((l) => (
                    <li key={`${l.agency}-${l.agencyReference}`}>
                      {agencyName(l.agency)} {l.agencyReference}: {l.decision.toLowerCase()} by{' '}
                      {l.decidedBy}, {formatInstant(l.decidedAt)} ({l.reason})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          {reason ? (
            <p className="status status-withheld" role="status">
              <strong>Viewing under break-glass.</strong> Your reason is recorded by each agency and
              your manager is told: {reason}
            </p>
          ) : null}
          {noRelationship ? (
            <form className="break-glass" onSubmit={submitBreakGlass} noValidate>
              <h2>Need to see more?</h2>
              <p>
                Some sections are withheld because you have no legitimate relationship with this
                child. If you must see them now, give your reason: it is recorded by each agency and
                your manager is told.
              </p>
              <label htmlFor="break-glass">Reason (20 to 500 characters)</label>
              {breakGlassErrors.length ? (
                <p className="field-error" id="break-glass-error" role="alert">
                  {breakGlassErrors.map((e) => e.message).join(' ')}
                </p>
              ) : null}
              <textarea
                id="break-glass"
                rows={2}
                value={breakGlass}
                aria-invalid={breakGlassErrors.length > 0 || undefined}
                aria-describedby={breakGlassErrors.length ? 'break-glass-error' : undefined}
                onChange={(e) => setBreakGlass(e.target.value)}
              />
              <button type="submit" className="button button-warning">
                See the records for this reason
              </button>
            </form>
          ) : null}

          <section aria-labelledby="h-household">
            <h2 id="h-household">Household</h2>
            {child.household ? (
              <>
                <p>
                  {child.household.addressLine}, {child.household.postcode}
                </p>
                <div className="table-wrap">
                  <table>
                    <caption className="visually-hidden">People in the household</caption>
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">Relationship</th>
                        <th scope="col">Date of birth</th>
                      </tr>
                    </thead>
                    <tbody>
                      {child.household.adults.map((a) => (
                        <tr key={a.id}>
                          <td>{name(a)}</td>
                          <td>{a.relationship.replace(/_/g, ' ').toLowerCase()}</td>
                          <td>{formatDate(a.dateOfBirth)}</td>
                        </tr>
                      ))}
                      {child.household.children
                        .filter((c) => c.id !== child.id)
                        .map((c) => (
                          <tr key={c.id}>
                            <td>
                              <a href={href('child', c.id)}>{name(c)}</a>
                            </td>
                            <td>sibling</td>
                            <td>{formatDate(c.dateOfBirth)}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : (
              <SectionMissing
                agency="socialcare"
                errors={errorsAt(errors, ['child', 'household'])}
              />
            )}
          </section>

          {earlyHelp ? (
            <section aria-labelledby="h-early-help">
              <h2 id="h-early-help">Early help</h2>
              {child.earlyHelpEpisodes ? (
                child.earlyHelpEpisodes.length === 0 ? (
                  <p>No early help episodes.</p>
                ) : (
                  <div className="table-wrap">
                    <table>
                      <caption className="visually-hidden">
                        Early help episodes after a step-down, newest first
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Episode</th>
                          <th scope="col">Stepped down</th>
                          <th scope="col">Offered to</th>
                          <th scope="col">Family response</th>
                          <th scope="col">Assessment</th>
                          <th scope="col">Status</th>
                        </tr>
                      </thead>
                      <tbody>
                        {child.earlyHelpEpisodes.map((e) => (
                          <tr key={e.id}>
                            <td>
                              <a href={href('early-help', e.id)}>{e.id}</a>
                            </td>
                            <td>{formatDay(e.steppedDownAt)}</td>
                            <td>{e.provider.name}</td>
                            <td>{responseText(e)}</td>
                            <td>{assessmentText(e)}</td>
                            <td>{statusText(e)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )
              ) : (
                <SectionMissing
                  agency="socialcare"
                  errors={errorsAt(errors, ['child', 'earlyHelpEpisodes'])}
                />
              )}
            </section>
          ) : null}

          <h2>What each agency holds</h2>
          <p role="status" className={notice ? 'notice' : undefined}>
            {notice}
          </p>
          <div className="agencies">
            {PARTNERS.map((p) => (
              <AgencySection
                key={p}
                childId={child.id}
                agency={p}
                section={sectionOf(child, p)}
                errors={sectionErrors(errors, p)}
                user={user}
                breakGlassReason={reason}
                onChanged={(message) => {
                  setNotice(message);
                  void load(reason);
                }}
              />
            ))}
          </div>

          <section aria-labelledby="h-chronology">
            <h2 id="h-chronology">Chronology, all agencies</h2>
            {errorsAt(errors, ['child', 'chronology']).length > 0 ? (
              <p className="status status-withheld">
                {errorsAt(errors, ['child', 'chronology'])
                  .map((e) => describeError(e))
                  .join(' ')}
              </p>
            ) : null}
            {child.chronology ? (
              <div className="table-wrap">
                <table className="chronology">
                  <caption className="visually-hidden">
                    Events from every agency, oldest first
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Agency</th>
                      <th scope="col">What</th>
                      <th scope="col">Severity</th>
                    </tr>
                  </thead>
                  <tbody>
                    {child.chronology.map((ev, i) => (
                      <tr key={i} className={`severity-${ev.severity.toLowerCase()}`}>
                        <td>{formatInstant(ev.at)}</td>
                        <td>{agencyName(ev.agency)}</td>
                        <td>
                          <span className="muted">{ev.kind.replace(/_/g, ' ').toLowerCase()}:</span>{' '}
                          {ev.summary}
                        </td>
                        <td>{ev.severity.toLowerCase()}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}
