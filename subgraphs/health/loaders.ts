import type { DataSource } from 'typeorm';
import { prepared, runPrepared } from '../../shared/database';
import { normaliseNhsNumber } from '../../shared/identifiers';
import { createRowLoader } from '../../shared/loaders';
import {
  candidateOf,
  createCandidateSource,
  createMatchLoader,
  type Candidate,
  type CandidateSource,
  type IndexTable,
  type MatchThresholds,
} from '../../shared/partner/matching';
import { createViewDisclosuresLoader } from '../../shared/partner/view-disclosures';
import { localDate } from '../../shared/time';
import {
  CamhsReferral,
  CommunityContact,
  GpRegistration,
  MaternityEpisode,
  ParentalConcern,
  Patient,
  SafeguardingFlag,
  UnscheduledCareAttendance,
} from './entities';

function toCandidate(p: Patient): Candidate<Patient> {
  return candidateOf(p, p.nhsNumber ? [p.nhsNumber] : []);
}

/** The NHS number a child reference carries, normalised, or null. */
function nhsNumberOf(probe: { nhsNumber?: string | null }): string | null {
  return probe.nhsNumber ? normaliseNhsNumber(probe.nhsNumber) : null;
}

/** The patient index, as the matcher reads it. */
const PATIENT_INDEX: IndexTable = {
  table: 'patients',
  select: `p.id, p.nhs_number AS "nhsNumber", p.given_name AS "givenName",
           p.family_name AS "familyName", p.date_of_birth AS "dateOfBirth", p.sex, p.postcode,
           p.gp_practice_code AS "gpPracticeCode", p.gp_practice_name AS "gpPracticeName"`,
  idsByIdentifier: 'SELECT id FROM patients WHERE nhs_number = ANY($6::text[])',
};

/**
 * Everything health shows of one patient, each list in the order its section shows it. A child's
 * section reads its own lists and `birth`; an adult's its own lists, `maternity` and
 * `parentalConcerns`; both are loaded for everyone, so that children and adults share a batch.
 */
export interface PatientRecords {
  patientId: string;
  /** Newest first (ties by id, descending, as in every list below). */
  attendances: UnscheduledCareAttendance[];
  /** Current (no end date) first, then most recently started first. */
  gpRegistrations: GpRegistration[];
  /** Health visiting and school nursing contacts, newest first. */
  communityContacts: CommunityContact[];
  /** CAMHS referrals, newest first. */
  camhsReferrals: CamhsReferral[];
  /** Coded safeguarding flags, most recently started first. */
  safeguardingFlags: SafeguardingFlag[];
  /** The maternity episode the patient was born of, if health links one. */
  birth: MaternityEpisode | null;
  /** The patient's own pregnancies as the mother, most recently booked first. */
  maternity: MaternityEpisode[];
  /** A parent's health concerns, most recently recorded first. */
  parentalConcerns: ParentalConcern[];
}

/** A row of `PATIENT_RECORDS` as pg returns it: in JSON, timestamps are ISO strings. */
type PatientRecordsRow = Omit<PatientRecords, 'attendances' | 'communityContacts'> & {
  attendances: (Omit<UnscheduledCareAttendance, 'arrivedAt'> & { arrivedAt: string })[];
  communityContacts: (Omit<CommunityContact, 'at'> & { at: string })[];
};

// A maternity episode `m` as JSON: a child's birth and a mother's pregnancies alike.
const MATERNITY_EPISODE = `json_build_object('id', m.id, 'motherPatientId', m.mother_patient_id,
  'bookedOn', m.booked_on, 'expectedDeliveryDate', m.expected_delivery_date,
  'deliveredOn', m.delivered_on, 'babyPatientId', m.baby_patient_id, 'concerns', m.concerns)`;

/**
 * Each patient id of the batch (`$1`) with all its lists (`PatientRecords`), one `json_agg` per
 * list in the order its section shows it. In JSON a DATE stays 'YYYY-MM-DD' and a timestamptz
 * becomes an ISO string (`toPatientRecords` makes it a Date again); the registration's bigint id
 * is read as text, as the entity declares it.
 */
const PATIENT_RECORDS = prepared(
  'health-records',
  `SELECT k.id AS "patientId",
     coalesce((SELECT json_agg(json_build_object('id', a.id, 'patientId', a.patient_id,
                 'arrivedAt', a.arrived_at, 'setting', a.setting,
                 'presentingReason', a.presenting_reason, 'site', a.site,
                 'sensitiveCategory', a.sensitive_category)
                 ORDER BY a.arrived_at DESC, a.id DESC)
               FROM unscheduled_care_attendances a WHERE a.patient_id = k.id), '[]'::json)
       AS attendances,
     coalesce((SELECT json_agg(json_build_object('id', g.id::text, 'patientId', g.patient_id,
                 'practiceCode', g.practice_code, 'practiceName', g.practice_name,
                 'registeredFrom', g.registered_from, 'registeredTo', g.registered_to)
                 ORDER BY g.registered_to DESC NULLS FIRST, g.registered_from DESC, g.id DESC)
               FROM gp_registrations g WHERE g.patient_id = k.id), '[]'::json)
       AS "gpRegistrations",
     coalesce((SELECT json_agg(json_build_object('id', c.id, 'patientId', c.patient_id,
                 'at', c.at, 'service', c.service, 'kind', c.kind,
                 'wasNotBrought', c.was_not_brought, 'note', c.note)
                 ORDER BY c.at DESC, c.id DESC)
               FROM community_contacts c WHERE c.patient_id = k.id), '[]'::json)
       AS "communityContacts",
     coalesce((SELECT json_agg(json_build_object('id', r.id, 'patientId', r.patient_id,
                 'referredOn', r.referred_on, 'reason', r.reason, 'status', r.status)
                 ORDER BY r.referred_on DESC, r.id DESC)
               FROM camhs_referrals r WHERE r.patient_id = k.id), '[]'::json)
       AS "camhsReferrals",
     coalesce((SELECT json_agg(json_build_object('id', f.id, 'patientId', f.patient_id,
                 'code', f.code, 'startsOn', f.starts_on, 'endsOn', f.ends_on, 'note', f.note)
                 ORDER BY f.starts_on DESC, f.id DESC)
               FROM safeguarding_flags f WHERE f.patient_id = k.id), '[]'::json)
       AS "safeguardingFlags",
     (SELECT ${MATERNITY_EPISODE} FROM maternity_episodes m WHERE m.baby_patient_id = k.id)
       AS birth,
     coalesce((SELECT json_agg(${MATERNITY_EPISODE} ORDER BY m.booked_on DESC, m.id DESC)
               FROM maternity_episodes m WHERE m.mother_patient_id = k.id), '[]'::json)
       AS maternity,
     coalesce((SELECT json_agg(json_build_object('id', pc.id, 'patientId', pc.patient_id,
                 'kind', pc.kind, 'recordedOn', pc.recorded_on, 'note', pc.note)
                 ORDER BY pc.recorded_on DESC, pc.id DESC)
               FROM parental_concerns pc WHERE pc.patient_id = k.id), '[]'::json)
       AS "parentalConcerns"
   FROM unnest($1::text[]) AS k(id)`,
);

/** A patient's records with their timestamps as Dates, as the entities had them. */
function toPatientRecords(row: PatientRecordsRow): PatientRecords {
  return {
    ...row,
    attendances: row.attendances.map((a) => ({ ...a, arrivedAt: new Date(a.arrivedAt) })),
    communityContacts: row.communityContacts.map((c) => ({ ...c, at: new Date(c.at) })),
  };
}

/**
 * Matches by NHS number where the reference carries one, else on demographics; a child
 * (`childrenOn` today's date) never to an adult's record.
 */
function createPatientMatchLoader(
  candidates: CandidateSource<Patient>,
  thresholds: MatchThresholds | undefined,
  childrenOn: string | null,
) {
  return createMatchLoader<Patient>({
    agency: 'HEALTH',
    thresholds,
    childrenOn,
    fetchCandidates: (probes) => candidates(probes, childrenOn),
    identifier: (probe) => ({ label: 'NHS number', value: nhsNumberOf(probe) }),
  });
}

/**
 * One DataLoader per access path, built fresh for every request. `now` is the request's instant:
 * on its local date a child is never matched to a record of someone 18 or over.
 */
export function createLoaders(
  dataSource: DataSource,
  thresholds?: MatchThresholds,
  now: Date = new Date(),
) {
  // A view's child and its household adults are matched with one candidate statement.
  const candidates = createCandidateSource<Patient, Patient>({
    dataSource,
    agency: 'HEALTH',
    index: PATIENT_INDEX,
    label: 'health-candidates',
    identifierOf: nhsNumberOf,
    toCandidate,
    thresholds,
  });
  return {
    /** By NHS number where the local authority holds one, else by demographics. */
    patientByChild: createPatientMatchLoader(candidates, thresholds, localDate(now)),
    /**
     * A household adult, by demographics only: socialcare holds no NHS number for adults, so the
     * best an adult reaches is PROBABLE.
     */
    patientByAdult: createPatientMatchLoader(candidates, thresholds, null),
    /**
     * Every list health shows of a patient, child or adult alike, in one prepared statement for
     * the whole batch: a view's child and its household adults in one request cost one statement.
     */
    recordsByPatientId: createRowLoader<string, PatientRecords>(
      async (ids) =>
        (await runPrepared<PatientRecordsRow>(dataSource, PATIENT_RECORDS, [[...ids]])).map(
          toPatientRecords,
        ),
      (r) => r.patientId,
    ),
    /**
     * Health's own audit rows for each of a decision-maker's views of a child (by request id and
     * socialcare child id), for `ChildView.healthDisclosures`: one statement for every view asked.
     */
    viewDisclosuresByKey: createViewDisclosuresLoader(dataSource, 'HEALTH'),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
