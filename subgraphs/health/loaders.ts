import { In, type DataSource } from 'typeorm';
import { normaliseNhsNumber } from '../../shared/identifiers';
import { createGroupLoader, createRowsByLoader, createRowLoader } from '../../shared/loaders';
import {
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
  return { ...p, identifiers: p.nhsNumber ? [p.nhsNumber] : [], record: p };
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
  });
  return {
    /** By NHS number where the local authority holds one, else by demographics. */
    patientByChild: createPatientMatchLoader(candidates, thresholds, localDate(now)),
    /**
     * A household adult, by demographics only: socialcare holds no NHS number for adults, so the
     * best an adult reaches is PROBABLE.
     */
    patientByAdult: createPatientMatchLoader(candidates, thresholds, null),
    attendancesByPatientId: createRowsByLoader(
      dataSource.getRepository(UnscheduledCareAttendance),
      'patientId',
      { arrivedAt: 'DESC', id: 'DESC' },
    ),
    /** Registration history, current (no end date) first, then most recent first. */
    gpRegistrationsByPatientId: createGroupLoader<string, GpRegistration>(
      (ids) =>
        dataSource.getRepository(GpRegistration).find({
          where: { patientId: In([...ids]) },
          order: {
            registeredTo: { direction: 'DESC', nulls: 'FIRST' },
            registeredFrom: 'DESC',
            id: 'DESC',
          },
        }),
      (r) => r.patientId,
    ),
    /** Health visiting and school nursing contacts, newest first. */
    communityContactsByPatientId: createRowsByLoader(
      dataSource.getRepository(CommunityContact),
      'patientId',
      { at: 'DESC', id: 'DESC' },
    ),
    /** CAMHS referrals, newest first. */
    camhsReferralsByPatientId: createRowsByLoader(
      dataSource.getRepository(CamhsReferral),
      'patientId',
      { referredOn: 'DESC', id: 'DESC' },
    ),
    /** The maternity episode a baby was born of, by the baby's own patient id. */
    maternityByBabyPatientId: createRowLoader<string, MaternityEpisode>(
      (ids) =>
        dataSource.getRepository(MaternityEpisode).find({ where: { babyPatientId: In([...ids]) } }),
      (e) => e.babyPatientId as string,
    ),
    /** A mother's maternity episodes, most recently booked first. */
    maternityByMotherPatientId: createRowsByLoader(
      dataSource.getRepository(MaternityEpisode),
      'motherPatientId',
      { bookedOn: 'DESC', id: 'DESC' },
    ),
    /** Coded safeguarding flags, most recently started first. */
    safeguardingFlagsByPatientId: createRowsByLoader(
      dataSource.getRepository(SafeguardingFlag),
      'patientId',
      { startsOn: 'DESC', id: 'DESC' },
    ),
    /** A parent's health concerns, most recently recorded first. */
    parentalConcernsByPatientId: createRowsByLoader(
      dataSource.getRepository(ParentalConcern),
      'patientId',
      { recordedOn: 'DESC', id: 'DESC' },
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
