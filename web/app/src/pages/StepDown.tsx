import { useEffect, useState } from 'react';
import { gql, type ApiError } from '../api';
import { ErrorSummary } from '../components/Errors';

const STEP_DOWN = `query StepDown($from: Date!, $to: Date!) {
  outcomes: stepDownOutcomes(from: $from, to: $to) {
    steppedDown accepted declined noResponse awaitingResponse withoutEpisode percentAccepted suppressed
  }
  byProvider: stepDownOutcomes(from: $from, to: $to, groupBy: [PROVIDER]) {
    provider steppedDown accepted declined noResponse awaitingResponse withoutEpisode percentAccepted suppressed
  }
  starts: earlyHelpAssessmentStarts(from: $from, to: $to) {
    accepted startedWithin10WorkingDays percentStartedWithin10WorkingDays medianWorkingDaysToStart suppressed
  }
  reContact: reContactAfterStepDown(from: $from, to: $to) {
    steppedDown
    windowElapsed3Months reContacted3Months reContactReferred3Months percentReContacted3Months
    windowElapsed6Months reContacted6Months reContactReferred6Months percentReContacted6Months
    windowElapsed12Months reContacted12Months reContactReferred12Months percentReContacted12Months
    steppedUp12Months suppressed
  }
  reReferrals(from: $from, to: $to) { referrals reReferrals percentReReferrals suppressed }
}`;

type Count = number | null;
interface Outcomes {
  provider?: string | null;
  steppedDown: Count;
  accepted: Count;
  declined: Count;
  noResponse: Count;
  awaitingResponse: Count;
  withoutEpisode: Count;
  percentAccepted: Count;
  suppressed: boolean;
}
type Months = 3 | 6 | 12;
type ReContact = { steppedDown: Count; steppedUp12Months: Count; suppressed: boolean } & Record<
  | `windowElapsed${Months}Months`
  | `reContacted${Months}Months`
  | `reContactReferred${Months}Months`
  | `percentReContacted${Months}Months`,
  Count
>;
interface Answer {
  outcomes: Outcomes[];
  byProvider: Outcomes[];
  starts: {
    accepted: Count;
    startedWithin10WorkingDays: Count;
    percentStartedWithin10WorkingDays: Count;
    medianWorkingDaysToStart: Count;
    suppressed: boolean;
  }[];
  reContact: ReContact[];
  reReferrals: {
    referrals: Count;
    reReferrals: Count;
    percentReReferrals: Count;
    suppressed: boolean;
  }[];
}

const pct = (v: Count | undefined) => (v === null || v === undefined ? '–' : `${v}%`);
const num = (v: Count | undefined) => (v === null || v === undefined ? 'suppressed' : String(v));
const WINDOWS: Months[] = [3, 6, 12];

/**
 * The dashboard's step-down section for a period of step-down decisions: what families said
 * within 10 working days, how soon early help assessments started, and whether the children came
 * back to the MASH within 3, 6 and 12 months, beside re-referrals within 12 months for the same
 * period (the pairing docs/analytics.md describes). Aggregates only, suppressed as given.
 */
export function StepDownSection({ from, to }: { from: string; to: string }) {
  const [data, setData] = useState<Answer | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  useEffect(() => {
    let current = true;
    void gql<Answer>(STEP_DOWN, { from, to }).then((answer) => {
      if (!current) return;
      setData(answer.data);
      setErrors(answer.errors);
    });
    return () => {
      current = false;
    };
  }, [from, to]);

  const outcomes = data?.outcomes[0];
  const starts = data?.starts[0];
  const back = data?.reContact[0];
  const reReferrals = data?.reReferrals[0];
  // The period's own errors are shown once, above, with the dashboard's.
  const own = errors.filter((e) => e.code !== 'BAD_USER_INPUT');
  return (
    <section aria-labelledby="h-step-down">
      <h2 id="h-step-down">Step-down to early help</h2>
      <ErrorSummary errors={own} />
      {outcomes && starts ? (
        <dl className="tiles">
          <div>
            <dt>Stepped down</dt>
            <dd>{num(outcomes.steppedDown)}</dd>
          </div>
          <div>
            <dt>Accepted within 10 working days</dt>
            <dd>{pct(outcomes.percentAccepted)}</dd>
          </div>
          <div>
            <dt>Early help assessment started within 10 working days, of acceptances</dt>
            <dd>{pct(starts.percentStartedWithin10WorkingDays)}</dd>
          </div>
          <div>
            <dt>Median working days to the assessment</dt>
            <dd>{starts.medianWorkingDaysToStart ?? '–'}</dd>
          </div>
        </dl>
      ) : null}
      {back && reReferrals ? (
        <div className="table-wrap">
          <table>
            <caption>
              Children stepped down who came back to the MASH. Each window counts only the children
              stepped down long enough ago for it to have passed; re-referrals are of the referrals
              made in the same period.
            </caption>
            <thead>
              <tr>
                <th scope="col">Within</th>
                <th scope="col">Window passed</th>
                <th scope="col">Came back</th>
                <th scope="col">%</th>
                <th scope="col">With a referral</th>
              </tr>
            </thead>
            <tbody>
              {WINDOWS.map((m) => (
                <tr key={m}>
                  <th scope="row">{m} months</th>
                  <td>{num(back[`windowElapsed${m}Months`])}</td>
                  <td>{num(back[`reContacted${m}Months`])}</td>
                  <td>{pct(back[`percentReContacted${m}Months`])}</td>
                  <td>{num(back[`reContactReferred${m}Months`])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Re-referrals within 12 months</th>
                <td>{num(reReferrals.referrals)}</td>
                <td>{num(reReferrals.reReferrals)}</td>
                <td>{pct(reReferrals.percentReReferrals)}</td>
                <td>–</td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.byProvider.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>What families said within 10 working days, by early help provider</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Stepped down</th>
                <th scope="col">Accepted</th>
                <th scope="col">Declined</th>
                <th scope="col">No response</th>
                <th scope="col">Awaiting</th>
              </tr>
            </thead>
            <tbody>
              {data.byProvider.map((r) => (
                <tr key={r.provider ?? 'none'}>
                  <th scope="row">{r.provider ?? 'No episode recorded'}</th>
                  <td>{num(r.steppedDown)}</td>
                  <td>{num(r.accepted)}</td>
                  <td>{num(r.declined)}</td>
                  <td>{num(r.noResponse)}</td>
                  <td>{num(r.awaitingResponse)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
