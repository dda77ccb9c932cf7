import { useState } from 'react';
import { agencyName, describeError, gql, type ApiError } from '../../api';
import { agencyEntry } from '../../agencies';
import { ErrorSummary } from '../../components/Errors';
import { label, RecordFields, RecordTable } from '../../components/Records';
import { isMash, type User } from '../../session';
import { MATCH_WORDS, type Partner, type Section } from './child';
import { SectionMissing } from './SectionMissing';

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

/** A MASH practitioner's decision that a possible match is, or is not, this child. */
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

/**
 * A partner's section of the child: its match and summary, the records that may be the child
 * (each with a match decision for socialcare's MASH), the detail a click away, or why it is missing.
 */
export function AgencySection({
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
