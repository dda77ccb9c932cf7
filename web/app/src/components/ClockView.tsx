import { formatDuration, formatInstant } from '../time';

export interface ClockData {
  startedAt: string;
  dueAt: string;
  stoppedAt: string | null;
  status: string;
}

const STATUS_WORDS: Record<string, string> = {
  ON_TIME: 'On time',
  DUE_SOON: 'Due soon',
  OVERDUE: 'Overdue',
  MET: 'Met',
  MISSED: 'Missed',
};

/**
 * One clock, counting down live from its due instant: the time left, or how long overdue, in words
 * with an icon, so an overdue clock is unmistakable without colour.
 */
export function ClockView({
  label,
  clock,
  now,
}: {
  label: string;
  clock: ClockData | null;
  now: number;
}) {
  if (!clock) {
    return (
      <span className="clock clock-none">
        <span className="clock-label">{label}:</span> no target
      </span>
    );
  }
  if (clock.stoppedAt) {
    const met = clock.status === 'MET';
    return (
      <span className={`clock ${met ? 'clock-met' : 'clock-missed'}`}>
        <span className="clock-label">{label}:</span> {met ? '✓ ' : '✗ '}
        {STATUS_WORDS[clock.status] ?? clock.status}{' '}
        <span className="clock-detail">({formatInstant(clock.stoppedAt)})</span>
      </span>
    );
  }
  const left = Math.round((Date.parse(clock.dueAt) - now) / 1000);
  const status = left < 0 ? 'OVERDUE' : left <= 3600 ? 'DUE_SOON' : 'ON_TIME';
  return (
    <span
      className={`clock clock-${status.toLowerCase().replace('_', '-')}`}
      title={`Due ${formatInstant(clock.dueAt)}`}
    >
      <span className="clock-label">{label}:</span>{' '}
      {status === 'OVERDUE' ? (
        <strong>⚠ Overdue by {formatDuration(-left)}</strong>
      ) : (
        <>
          {status === 'DUE_SOON' ? '⏰ ' : ''}
          {formatDuration(left)} left
        </>
      )}
    </span>
  );
}

/** A contact's three clocks, as the queue and the contact read them. */
export interface ContactClocksData {
  ragResponse: ClockData | null;
  decisionWithin24Hours: ClockData;
  decisionWithinOneWorkingDay: ClockData;
}

/** A contact's three clocks as a list, each counting down; `long` spells the decisions out. */
export function ContactClocks({
  clocks,
  now,
  long = false,
}: {
  clocks: ContactClocksData;
  now: number;
  long?: boolean;
}) {
  const decision = long ? 'Decision within ' : '';
  return (
    <ul className="plain clocks">
      <li>
        <ClockView label="RAG response" clock={clocks.ragResponse} now={now} />
      </li>
      <li>
        <ClockView label={`${decision}24 hours`} clock={clocks.decisionWithin24Hours} now={now} />
      </li>
      <li>
        <ClockView
          label={`${decision}1 working day`}
          clock={clocks.decisionWithinOneWorkingDay}
          now={now}
        />
      </li>
    </ul>
  );
}
