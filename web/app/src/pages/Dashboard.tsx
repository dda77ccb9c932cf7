import { useCallback, useEffect, useMemo, useState } from 'react';
import { gql, type ApiError } from '../api';
import { Chart } from '../components/Chart';
import { describedBy, ErrorSummary, FieldError } from '../components/Errors';
import { useContactSources } from '../codes';
import { readsAggregates, type User } from '../session';
import { StepDownSection } from './StepDown';
import { londonToday } from '../time';

const TIMELINESS = `received decided decidedWithin24Hours decidedWithinOneWorkingDay percentWithin24Hours percentWithinOneWorkingDay medianHoursToDecision p90HoursToDecision stillOpen openOverdue openPast24Hours suppressed`;
const DASHBOARD = `query Dashboard($from: Date!, $to: Date!) {
  byMonth: decisionTimeliness(from: $from, to: $to, groupBy: [MONTH]) { month ${TIMELINESS} }
  byRag: decisionTimeliness(from: $from, to: $to, groupBy: [RAG]) { rag ${TIMELINESS} }
  bySource: decisionTimeliness(from: $from, to: $to, groupBy: [SOURCE]) { source ${TIMELINESS} }
  total: decisionTimeliness(from: $from, to: $to) { ${TIMELINESS} }
  conversion: contactConversion(from: $from, to: $to, groupBy: [MONTH]) { month decided referred percentReferred suppressed }
  assessments: assessmentCompletion(from: $from, to: $to) {
    authorised workingDays1To15 workingDays16To25 workingDays26To35 workingDays36To45 workingDaysOver45 percentWithin45WorkingDays inProgress suppressed
  }
}`;

interface Row {
  month?: string;
  rag?: string | null;
  source?: string | null;
  received: number | null;
  decided: number | null;
  decidedWithin24Hours: number | null;
  decidedWithinOneWorkingDay: number | null;
  percentWithin24Hours: number | null;
  percentWithinOneWorkingDay: number | null;
  medianHoursToDecision: number | null;
  p90HoursToDecision: number | null;
  stillOpen: number | null;
  openOverdue: number | null;
  openPast24Hours: number | null;
  suppressed: boolean;
}
interface Answer {
  byMonth: Row[];
  byRag: Row[];
  bySource: Row[];
  total: Row[];
  conversion: {
    month: string;
    decided: number | null;
    referred: number | null;
    percentReferred: number | null;
    suppressed: boolean;
  }[];
  assessments: {
    authorised: number | null;
    workingDays1To15: number | null;
    workingDays16To25: number | null;
    workingDays26To35: number | null;
    workingDays36To45: number | null;
    workingDaysOver45: number | null;
    percentWithin45WorkingDays: number | null;
    inProgress: number | null;
    suppressed: boolean;
  }[];
}

function yearAgo(today: string): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const LISTS = [
  { list: 'LIST_1', name: 'List 1: contacts' },
  { list: 'LIST_2', name: 'List 2: early help assessments' },
  { list: 'LIST_3', name: 'List 3: referrals' },
  { list: 'LIST_4', name: 'List 4: assessments' },
];

function DownloadList({ from, to }: { from: string; to: string }) {
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function download(list: string) {
    setBusy(list);
    setDone(null);
    const { data, errors: errs } = await gql<{
      annexAList: { filename: string; rows: number; csv: string };
    }>(
      `query List($list: AnnexAList!, $from: Date!, $to: Date!) { annexAList(list: $list, from: $from, to: $to) { filename rows csv } }`,
      { list, from, to },
    );
    setBusy(null);
    setErrors(errs);
    if (!data?.annexAList) return;
    const url = URL.createObjectURL(new Blob([data.annexAList.csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = data.annexAList.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
    setDone(`${data.annexAList.filename}: ${data.annexAList.rows} rows, child ids pseudonymised.`);
  }
  return (
    <section aria-labelledby="h-lists">
      <h2 id="h-lists">Ofsted Annex A lists</h2>
      <p>
        For the period above, as CSV with Ofsted's column headings and dd/mm/yyyy dates; child ids
        are pseudonymised.
      </p>
      <ErrorSummary errors={errors} />
      <ul className="plain downloads">
        {LISTS.map((l) => (
          <li key={l.list}>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy !== null}
              onClick={() => void download(l.list)}
            >
              Download {l.name} (CSV)
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{busy ? 'Preparing the list…' : done}</p>
    </section>
  );
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v}%`);
const num = (v: number | null | undefined) =>
  v === null || v === undefined ? 'suppressed' : String(v);

/**
 * The analysts' dashboard: decisions within 24 hours and within one working day over time, by RAG
 * and by source; conversion to referral; assessment completion buckets; step-down to early help
 * (./StepDown.tsx); and the Ofsted lists.
 * Aggregates only, as the service gives them (suppressed counts stay suppressed).
 */
export function Dashboard({ user }: { user: User }) {
  const today = londonToday();
  const sourceLabels = new Map(useContactSources());
  const [from, setFrom] = useState(() => yearAgo(today));
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from, to });
  const [data, setData] = useState<Answer | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const answer = await gql<Answer>(DASHBOARD, period);
    setLoading(false);
    setData(answer.data);
    setErrors(answer.errors);
  }, [period]);
  useEffect(() => {
    if (readsAggregates(user)) void load();
  }, [load, user]);

  const months = useMemo(() => (data?.byMonth ?? []).map((r) => r.month ?? ''), [data]);
  const timelinessSeries = useMemo(
    () => [
      {
        label: 'Decided within 24 hours',
        values: (data?.byMonth ?? []).map((r) => r.percentWithin24Hours),
        color: '#1d70b8',
      },
      {
        label: 'Decided within 1 working day',
        values: (data?.byMonth ?? []).map((r) => r.percentWithinOneWorkingDay),
        color: '#d4351c',
        dash: [6, 4],
      },
    ],
    [data],
  );
  const rags = useMemo(() => (data?.byRag ?? []).map((r) => r.rag ?? 'Not rated'), [data]);
  const ragSeries = useMemo(
    () => [
      {
        label: 'Within 24 hours',
        values: (data?.byRag ?? []).map((r) => r.percentWithin24Hours),
        color: '#1d70b8',
      },
      {
        label: 'Within 1 working day',
        values: (data?.byRag ?? []).map((r) => r.percentWithinOneWorkingDay),
        color: '#505a5f',
      },
    ],
    [data],
  );
  const conversionSeries = useMemo(
    () => [
      {
        label: 'Children referred, % of decided',
        values: (data?.conversion ?? []).map((r) => r.percentReferred),
        color: '#00703c',
      },
    ],
    [data],
  );
  const conversionMonths = useMemo(() => (data?.conversion ?? []).map((r) => r.month), [data]);
  const a = data?.assessments[0];
  const bucketLabels = useMemo(() => ['1-15', '16-25', '26-35', '36-45', 'over 45'], []);
  const bucketSeries = useMemo(
    () => [
      {
        label: 'Assessments authorised',
        values: a
          ? [
              a.workingDays1To15,
              a.workingDays16To25,
              a.workingDays26To35,
              a.workingDays36To45,
              a.workingDaysOver45,
            ]
          : [],
        color: '#4c2c92',
      },
    ],
    [a],
  );

  if (!readsAggregates(user)) {
    return (
      <>
        <h1 tabIndex={-1}>Dashboard</h1>
        <p>The dashboard is for analysts, MASH managers and administrators.</p>
      </>
    );
  }
  const total = data?.total[0];
  // Each measure refuses a bad period alike: say it once.
  const periodErrors = errors.filter(
    (e, i) => errors.findIndex((f) => f.message === e.message && f.field === e.field) === i,
  );
  return (
    <>
      <h1 tabIndex={-1}>Decision timeliness</h1>
      <form
        className="period"
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod({ from, to });
        }}
      >
        <div className="field">
          <label htmlFor="d-from">Received from</label>
          <FieldError id="d-from" errors={periodErrors} field="from" />
          <input
            id="d-from"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            {...describedBy('d-from', periodErrors, 'from')}
          />
        </div>
        <div className="field">
          <label htmlFor="d-to">to</label>
          <FieldError id="d-to" errors={periodErrors} field="to" />
          <input
            id="d-to"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            {...describedBy('d-to', periodErrors, 'to')}
          />
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </form>
      <ErrorSummary errors={periodErrors} fieldIds={{ from: 'd-from', to: 'd-to' }} />
      <p role="status">{loading ? 'Loading…' : ''}</p>
      {total ? (
        <section aria-labelledby="h-headline" className="headline">
          <h2 id="h-headline">The period</h2>
          <dl className="tiles">
            <div>
              <dt>Contacts received</dt>
              <dd>{num(total.received)}</dd>
            </div>
            <div>
              <dt>Decided within 24 hours</dt>
              <dd>{pct(total.percentWithin24Hours)}</dd>
            </div>
            <div>
              <dt>Decided within 1 working day</dt>
              <dd>{pct(total.percentWithinOneWorkingDay)}</dd>
            </div>
            <div>
              <dt>Median hours to decision</dt>
              <dd>{total.medianHoursToDecision ?? '–'}</dd>
            </div>
            <div>
              <dt>Still open</dt>
              <dd>{num(total.stillOpen)}</dd>
            </div>
            <div>
              <dt>Open past 24 hours now</dt>
              <dd>{num(total.openPast24Hours)}</dd>
            </div>
            <div>
              <dt>Open past 1 working day now</dt>
              <dd>{num(total.openOverdue)}</dd>
            </div>
          </dl>
        </section>
      ) : null}
      {data ? (
        <div className="charts">
          <Chart
            title="Decisions in time, by month of receipt"
            kind="line"
            labels={months}
            series={timelinessSeries}
          />
          <Chart title="Decisions in time, by RAG" kind="bar" labels={rags} series={ragSeries} />
          <Chart
            title="Conversion to referral, by month"
            kind="line"
            labels={conversionMonths}
            series={conversionSeries}
          />
          <Chart
            title="Assessments by working days from referral to authorisation"
            kind="bar"
            labels={bucketLabels}
            series={bucketSeries}
            unit="assessments"
          />
        </div>
      ) : null}
      {data ? (
        <section aria-labelledby="h-source">
          <h2 id="h-source">By source</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Received</th>
                  <th scope="col">Within 24 hours</th>
                  <th scope="col">Within 1 working day</th>
                  <th scope="col">Median hours</th>
                  <th scope="col">Open past 1 working day</th>
                </tr>
              </thead>
              <tbody>
                {data.bySource.map((r) => (
                  <tr key={r.source ?? 'none'}>
                    <th scope="row">
                      {r.source ? `${r.source}: ${sourceLabels.get(r.source) ?? ''}` : 'Unknown'}
                    </th>
                    <td>{num(r.received)}</td>
                    <td>{pct(r.percentWithin24Hours)}</td>
                    <td>{pct(r.percentWithinOneWorkingDay)}</td>
                    <td>{r.medianHoursToDecision ?? '–'}</td>
                    <td>{num(r.openOverdue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {a ? (
            <p>
              Assessments authorised in the period: {num(a.authorised)},{' '}
              {pct(a.percentWithin45WorkingDays)} within 45 working days; {num(a.inProgress)}{' '}
              started and still in progress.
            </p>
          ) : null}
        </section>
      ) : null}
      {data ? <StepDownSection from={period.from} to={period.to} /> : null}
      <DownloadList from={period.from} to={period.to} />
    </>
  );
}
