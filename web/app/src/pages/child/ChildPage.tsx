import { useCallback, useEffect, useState } from 'react';
import { agencyName, gql, type ApiError } from '../../api';
import { ErrorSummary } from '../../components/Errors';
import { readsEarlyHelp, type User } from '../../session';
import { formatDate, formatInstant } from '../../time';
import { AgencySection } from './AgencySection';
import { BreakGlassForm } from './BreakGlassForm';
import {
  childQuery,
  MATCH_WORDS,
  name,
  PARTNERS,
  sectionErrors,
  sectionOf,
  UNAVAILABLE,
  type ChildRecord,
} from './child';
import { ChildEarlyHelp } from './ChildEarlyHelp';
import { Chronology } from './Chronology';
import { FindChild } from './FindChild';
import { Household } from './Household';

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
            <BreakGlassForm
              value={breakGlass}
              onChange={setBreakGlass}
              errors={breakGlassErrors}
              onInvalid={setBreakGlassErrors}
              onReason={(text) => void load(text)}
            />
          ) : null}

          <Household child={child} errors={errors} />

          {earlyHelp ? <ChildEarlyHelp episodes={child.earlyHelpEpisodes} errors={errors} /> : null}

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

          <Chronology chronology={child.chronology} errors={errors} />
        </>
      ) : null}
    </>
  );
}
