import { SENSITIVE_HEALTH_SUMMARY } from '../../subgraphs/health/access';
import { localMidnight } from '../../shared/time';
import { isFlagActive } from '../../subgraphs/health/chronology';
import { summariseHealth, type SummaryRecords } from '../../subgraphs/health/summary';

const now = new Date('2026-11-20T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);

/** Nothing recorded but a GP registration; each test adds what it is about. */
const nothing: SummaryRecords = {
  gpPracticeName: 'Elm Street Surgery',
  attendances: [],
  communityContacts: [],
  camhsReferrals: [],
  safeguardingFlags: [],
  parentalConcerns: [],
  maternity: [],
};

const attendance = (
  days: number,
  presentingReason: string,
  setting = 'EMERGENCY_DEPARTMENT',
  sensitiveCategory: string | null = null,
) => ({ arrivedAt: daysAgo(days), setting, presentingReason, sensitiveCategory });

const contact = (days: number, service: string, wasNotBrought: boolean) => ({
  at: daysAgo(days),
  service,
  wasNotBrought,
});

const health = { now, mayReadSensitive: true };
const outsideHealth = { now, mayReadSensitive: false };

describe('summariseHealth', () => {
  it('says when there is no GP and nothing else recorded', () => {
    expect(summariseHealth({ ...nothing, gpPracticeName: null }, health)).toEqual({
      text: 'Not registered with a GP. Nothing else recorded in the last 12 months.',
      withheld: false,
    });
  });

  it('gives the practice, active flags, A&E in the last 12 months and children not brought', () => {
    const records: SummaryRecords = {
      ...nothing,
      safeguardingFlags: [
        { code: 'SAFEGUARDING_CONCERN', startsOn: '2026-01-10', endsOn: null },
        { code: 'CP_PLAN', startsOn: '2026-06-01', endsOn: null },
        { code: 'LOOKED_AFTER', startsOn: '2024-01-01', endsOn: '2025-01-01' },
      ],
      attendances: [
        attendance(9, 'Head injury'),
        attendance(120, 'Fracture - wrist'),
        attendance(500, 'Fever'),
      ],
      communityContacts: [
        contact(10, 'HEALTH_VISITING', true),
        contact(40, 'HEALTH_VISITING', true),
        contact(90, 'HEALTH_VISITING', false),
        contact(400, 'HEALTH_VISITING', true),
      ],
    };
    expect(summariseHealth(records, health)).toEqual({
      text:
        'Registered with Elm Street Surgery. ' +
        'Active safeguarding flags: child protection plan, safeguarding concern. ' +
        '2 A&E attendances in 12 months, last 9 days ago (Head injury). ' +
        '3 health visiting contacts in 12 months, 2 not brought.',
      withheld: false,
    });
  });

  it('counts A&E among other unscheduled care when the settings differ', () => {
    const records = {
      ...nothing,
      attendances: [attendance(1, 'Asthma', 'WALK_IN'), attendance(30, 'Burn - hand')],
    };
    expect(summariseHealth(records, health).text).toBe(
      'Registered with Elm Street Surgery. ' +
        '2 unscheduled care attendances in 12 months (1 A&E), last 1 day ago (Asthma).',
    );
  });

  it('does not count a flag that has ended or not yet started as active', () => {
    const records = {
      ...nothing,
      safeguardingFlags: [
        { code: 'CP_PLAN', startsOn: '2025-01-01', endsOn: '2026-11-20' },
        { code: 'LOOKED_AFTER', startsOn: '2026-12-01', endsOn: null },
      ],
    };
    expect(summariseHealth(records, health).text).toBe(
      'Registered with Elm Street Surgery. Nothing else recorded in the last 12 months.',
    );
  });

  it('describes CAMHS referrals and sensitive attendances to a health reader', () => {
    const records: SummaryRecords = {
      ...nothing,
      attendances: [attendance(3, 'Self-harm', 'EMERGENCY_DEPARTMENT', 'MENTAL_HEALTH')],
      camhsReferrals: [
        { referredOn: '2026-11-10', status: 'WAITING' },
        { referredOn: '2025-02-01', status: 'DISCHARGED' },
      ],
    };
    expect(summariseHealth(records, health)).toEqual({
      text:
        'Registered with Elm Street Surgery. ' +
        '1 A&E attendance in 12 months, last 3 days ago (Self-harm). ' +
        '2 CAMHS referrals, latest 10 days ago (waiting).',
      withheld: false,
    });
  });

  it('neither describes nor counts sensitive attendances or CAMHS outside health, and says whom to ask', () => {
    const records: SummaryRecords = {
      ...nothing,
      attendances: [
        attendance(3, 'Self-harm', 'EMERGENCY_DEPARTMENT', 'MENTAL_HEALTH'),
        attendance(50, 'Asthma'),
      ],
      camhsReferrals: [{ referredOn: '2026-11-10', status: 'WAITING' }],
    };
    expect(summariseHealth(records, outsideHealth)).toEqual({
      text:
        'Registered with Elm Street Surgery. ' +
        '1 A&E attendance in 12 months, last 50 days ago (Asthma). ' +
        `${SENSITIVE_HEALTH_SUMMARY}.`,
      withheld: true,
    });
  });

  it('gives the advice in place of "nothing else" when the only records are CAMHS', () => {
    const records = {
      ...nothing,
      camhsReferrals: [{ referredOn: '2020-01-01', status: 'DISCHARGED' }],
    };
    expect(summariseHealth(records, outsideHealth)).toEqual({
      text: `Registered with Elm Street Surgery. ${SENSITIVE_HEALTH_SUMMARY}.`,
      withheld: true,
    });
  });

  it('names an adult’s parental concerns and booking concerns to a health reader', () => {
    const records: SummaryRecords = {
      ...nothing,
      parentalConcerns: [
        { kind: 'MENTAL_HEALTH', recordedOn: '2025-03-01' },
        { kind: 'ALCOHOL_MISUSE', recordedOn: '2026-05-01' },
        { kind: 'MENTAL_HEALTH', recordedOn: '2024-01-01' },
      ],
      maternity: [
        {
          bookedOn: '2026-08-01',
          expectedDeliveryDate: '2027-01-15',
          deliveredOn: null,
          concerns: 'Late booking at 26 weeks',
        },
      ],
    };
    expect(summariseHealth(records, health)).toEqual({
      text:
        'Registered with Elm Street Surgery. ' +
        'Parental health concerns recorded: alcohol misuse, mental health. ' +
        'Pregnant, expected delivery 2027-01-15; concerns at booking: Late booking at 26 weeks.',
      withheld: false,
    });
  });

  it('leaves an adult’s parental and booking concerns out for a reader outside health', () => {
    const records: SummaryRecords = {
      ...nothing,
      parentalConcerns: [{ kind: 'SUBSTANCE_MISUSE', recordedOn: '2026-05-01' }],
      maternity: [
        {
          bookedOn: '2025-08-01',
          expectedDeliveryDate: '2026-02-15',
          deliveredOn: '2026-02-10',
          concerns: 'Domestic abuse disclosed at booking',
        },
      ],
    };
    expect(summariseHealth(records, outsideHealth)).toEqual({
      text: `Registered with Elm Street Surgery. Gave birth 9 months ago. ${SENSITIVE_HEALTH_SUMMARY}.`,
      withheld: true,
    });
  });

  it('withholds nothing outside health when nothing sensitive is held', () => {
    const records = { ...nothing, attendances: [attendance(2, 'Asthma')] };
    expect(summariseHealth(records, outsideHealth)).toEqual(summariseHealth(records, health));
  });
});

describe('localMidnight', () => {
  it('is midnight UTC in winter (GMT)', () => {
    expect(localMidnight('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('is 23:00 UTC the day before in summer (BST)', () => {
    expect(localMidnight('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
  });

  it('is still GMT on the day the clocks go forward (01:00 UTC, after midnight)', () => {
    expect(localMidnight('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });

  it('is still BST on the day the clocks go back', () => {
    expect(localMidnight('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
  });
});

describe('isFlagActive', () => {
  it('counts a flag active from its start until the day before its end', () => {
    const flag = { startsOn: '2026-01-01', endsOn: '2026-02-01' };
    expect(
      ['2025-12-31', '2026-01-01', '2026-01-31', '2026-02-01'].map((d) => isFlagActive(flag, d)),
    ).toEqual([false, true, true, false]);
  });
});
