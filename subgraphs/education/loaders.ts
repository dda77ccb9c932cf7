import type { DataSource } from 'typeorm';
import { prepared } from '../../shared/database';
import { normaliseUpn } from '../../shared/identifiers';
import { createPreparedRowLoader } from '../../shared/loaders';
import {
  candidateOf,
  createCandidateSource,
  createMatchLoader,
  type Candidate,
  type IndexTable,
  type MatchThresholds,
} from '../../shared/partner/matching';
import { createViewDisclosuresLoader } from '../../shared/partner/view-disclosures';
import { localDate } from '../../shared/time';
import type {
  Enrolment,
  Exclusion,
  FreeMeals,
  HomeEducation,
  MissingEducation,
  Pupil,
  School,
  SenProvision,
  TermAttendance,
} from './entities';

/** A pupil with the UPNs they used to have. */
export interface PupilRecord extends Pupil {
  formerUpns: string[];
}

interface PupilRow {
  id: string;
  upn: string | null;
  upn_unknown_reason: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string;
  postcode: string | null;
  former_upns: string[];
}

function toCandidate(row: PupilRow): Candidate<PupilRecord> {
  const record: PupilRecord = {
    id: row.id,
    upn: row.upn,
    upnUnknownReason: row.upn_unknown_reason,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    postcode: row.postcode,
    formerUpns: row.former_upns,
  };
  return candidateOf(record, row.upn ? [row.upn, ...row.former_upns] : [...row.former_upns]);
}

function upnOf(probe: { upn?: string | null }): string | null {
  return probe.upn ? normaliseUpn(probe.upn) : null;
}

/** The pupil index with each pupil's former UPNs, as the matcher reads it. */
const PUPIL_INDEX: IndexTable = {
  table: 'pupils',
  select: `p.*,
           ARRAY(SELECT f.upn FROM pupil_former_upns f
                  WHERE f.pupil_id = p.id ORDER BY f.upn) AS former_upns`,
  idsByIdentifier: `SELECT id FROM pupils WHERE upn = ANY($6::text[])
                    UNION SELECT pupil_id FROM pupil_former_upns WHERE upn = ANY($6::text[])`,
};

/** A pupil's time on a school's roll, with the school and its terms' attendance there. */
export interface EnrolmentRecord extends Enrolment {
  /** Null only if the URN names no school in the index (the foreign key rules it out). */
  school: School | null;
  /** Most recent term first. */
  attendance: TermAttendance[];
}

/** A suspension or permanent exclusion, with the school it was from. */
export interface ExclusionRecord extends Exclusion {
  school: School | null;
}

/** Every list education holds about one pupil, each in the order its field promises. */
export interface PupilRecords extends Record<string, unknown> {
  pupilId: string;
  /** Latest start first (ties: id, descending). */
  enrolments: EnrolmentRecord[];
  /** Newest first (ties: id, descending). */
  exclusions: ExclusionRecord[];
  /** Latest start first, then by provision (the resolver puts the current ones first). */
  senProvisions: SenProvision[];
  /** Elective home education periods, newest first. */
  homeEducation: HomeEducation[];
  /** Children-missing-education episodes, newest reported first (ties: id, descending). */
  missingEducation: MissingEducation[];
  /** Free school meals eligibility periods, newest first. */
  freeMeals: FreeMeals[];
}

/** The school a row's `urn` column names, as JSON in the shape of the `School` entity. */
function schoolJson(urn: string): string {
  return `(SELECT json_build_object('urn', s.urn, 'name', s.name, 'phase', s.phase)
             FROM schools s WHERE s.urn = ${urn})`;
}

/**
 * A pupil's lists in one row, keyed by the batch's pupil ids (`$1`), each list a `json_agg` in
 * the order its loader always had. Inside JSON, dates stay 'YYYY-MM-DD' strings and integers
 * numbers, exactly as the entities read them, so no row needs converting.
 */
const PUPIL_RECORDS = prepared(
  'education-records',
  `SELECT k.id AS "pupilId",
     coalesce((SELECT json_agg(json_build_object(
         'id', e.id, 'pupilId', e.pupil_id, 'schoolUrn', e.school_urn,
         'startDate', e.start_date, 'endDate', e.end_date,
         'school', ${schoolJson('e.school_urn')},
         'attendance', coalesce((SELECT json_agg(json_build_object(
             'enrolmentId', a.enrolment_id, 'academicYear', a.academic_year, 'term', a.term,
             'possibleSessions', a.possible_sessions, 'attendedSessions', a.attended_sessions,
             'authorisedAbsences', a.authorised_absences,
             'unauthorisedAbsences', a.unauthorised_absences)
           ORDER BY a.academic_year DESC, array_position(ARRAY['SUMMER','SPRING','AUTUMN'], a.term))
           FROM attendance_records a WHERE a.enrolment_id = e.id), '[]'::json))
       ORDER BY e.start_date DESC, e.id DESC)
       FROM enrolments e WHERE e.pupil_id = k.id), '[]'::json) AS enrolments,
     coalesce((SELECT json_agg(json_build_object(
         'id', x.id, 'pupilId', x.pupil_id, 'schoolUrn', x.school_urn, 'kind', x.kind,
         'startDate', x.start_date, 'sessions', x.sessions, 'reasonCode', x.reason_code,
         'school', ${schoolJson('x.school_urn')})
       ORDER BY x.start_date DESC, x.id DESC)
       FROM exclusions x WHERE x.pupil_id = k.id), '[]'::json) AS exclusions,
     coalesce((SELECT json_agg(json_build_object(
         'pupilId', n.pupil_id, 'provision', n.provision, 'startDate', n.start_date,
         'primaryNeed', n.primary_need, 'endDate', n.end_date)
       ORDER BY n.start_date DESC, n.provision ASC)
       FROM sen_provisions n WHERE n.pupil_id = k.id), '[]'::json) AS "senProvisions",
     coalesce((SELECT json_agg(json_build_object(
         'pupilId', h.pupil_id, 'startDate', h.start_date, 'endDate', h.end_date)
       ORDER BY h.start_date DESC)
       FROM home_education h WHERE h.pupil_id = k.id), '[]'::json) AS "homeEducation",
     coalesce((SELECT json_agg(json_build_object(
         'id', m.id, 'pupilId', m.pupil_id, 'reportedOn', m.reported_on,
         'resolvedOn', m.resolved_on, 'reason', m.reason)
       ORDER BY m.reported_on DESC, m.id DESC)
       FROM missing_education m WHERE m.pupil_id = k.id), '[]'::json) AS "missingEducation",
     coalesce((SELECT json_agg(json_build_object(
         'pupilId', f.pupil_id, 'startDate', f.start_date, 'endDate', f.end_date)
       ORDER BY f.start_date DESC)
       FROM free_meals f WHERE f.pupil_id = k.id), '[]'::json) AS "freeMeals"
   FROM unnest($1::text[]) AS k(id)`,
);

/**
 * One DataLoader per access path, built fresh for every request. `now` is the request's instant:
 * on its local date a child is never matched to a record of someone 18 or over.
 */
export function createLoaders(
  dataSource: DataSource,
  thresholds?: MatchThresholds,
  now: Date = new Date(),
) {
  const childrenOn = localDate(now);
  const candidates = createCandidateSource<PupilRow, PupilRecord>({
    dataSource,
    agency: 'EDUCATION',
    index: PUPIL_INDEX,
    label: 'education-candidates',
    identifierOf: upnOf,
    toCandidate,
    thresholds,
  });
  return {
    /**
     * By UPN, current or former, where the local authority holds one, else by demographics; never
     * a pupil 18 or over by education's own date of birth.
     */
    pupilByChild: createMatchLoader<PupilRecord>({
      agency: 'EDUCATION',
      thresholds,
      childrenOn,
      fetchCandidates: (probes) => candidates(probes, childrenOn),
      identifier: (probe) => ({ label: 'UPN', value: upnOf(probe) }),
    }),
    /**
     * Everything education holds about each matched pupil, one row per pupil and a list per
     * column: one statement for a batch of any size.
     */
    recordsByPupilId: createPreparedRowLoader<PupilRecords>(dataSource, PUPIL_RECORDS, 'pupilId'),
    /**
     * Education's own audit rows for each of a decision-maker's views of a child (by request id and
     * socialcare child id), for `ChildView.educationDisclosures`: one statement for every view asked.
     */
    viewDisclosuresByKey: createViewDisclosuresLoader(dataSource, 'EDUCATION'),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
