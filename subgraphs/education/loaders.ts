import { In, type DataSource } from 'typeorm';
import { normaliseUpn } from '../../shared/identifiers';
import { createGroupLoader, createRowsByLoader, createRowLoader } from '../../shared/loaders';
import {
  createCandidateSource,
  createMatchLoader,
  type Candidate,
  type IndexTable,
  type MatchThresholds,
} from '../../shared/partner/matching';
import { createViewDisclosuresLoader } from '../../shared/partner/view-disclosures';
import { localDate } from '../../shared/time';
import {
  Enrolment,
  Exclusion,
  FreeMeals,
  HomeEducation,
  MissingEducation,
  School,
  SenProvision,
  TermAttendance,
  type Pupil,
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
  return {
    ...record,
    identifiers: [...(row.upn ? [row.upn] : []), ...row.former_upns],
    record,
  };
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
    enrolmentsByPupilId: createRowsByLoader(dataSource.getRepository(Enrolment), 'pupilId', {
      startDate: 'DESC',
      id: 'DESC',
    }),
    schoolByUrn: createRowLoader(
      (urns: readonly string[]) => dataSource.getRepository(School).findBy({ urn: In([...urns]) }),
      (s) => s.urn,
    ),
    attendanceByEnrolmentId: createGroupLoader(
      (ids: readonly string[]) =>
        dataSource
          .getRepository(TermAttendance)
          .createQueryBuilder('a')
          .where('a.enrolment_id IN (:...ids)', { ids: [...ids] })
          .orderBy('a.academic_year', 'DESC')
          .addOrderBy(`array_position(ARRAY['SUMMER','SPRING','AUTUMN'], a.term)`, 'ASC')
          .getMany(),
      (a) => a.enrolmentId,
    ),
    /** Suspensions and permanent exclusions, newest first. */
    exclusionsByPupilId: createRowsByLoader(dataSource.getRepository(Exclusion), 'pupilId', {
      startDate: 'DESC',
      id: 'DESC',
    }),
    /** SEN provision periods, latest start first (the resolver puts the current ones first). */
    senProvisionsByPupilId: createRowsByLoader(dataSource.getRepository(SenProvision), 'pupilId', {
      startDate: 'DESC',
      provision: 'ASC',
    }),
    /** Elective home education periods, newest first. */
    homeEducationByPupilId: createRowsByLoader(dataSource.getRepository(HomeEducation), 'pupilId', {
      startDate: 'DESC',
    }),
    /** Children-missing-education episodes, newest first. */
    missingEducationByPupilId: createRowsByLoader(
      dataSource.getRepository(MissingEducation),
      'pupilId',
      { reportedOn: 'DESC', id: 'DESC' },
    ),
    /** Free school meals eligibility periods, newest first. */
    freeMealsByPupilId: createRowsByLoader(dataSource.getRepository(FreeMeals), 'pupilId', {
      startDate: 'DESC',
    }),
    /**
     * Education's own audit rows for each of a decision-maker's views of a child (by request id and
     * socialcare child id), for `ChildView.educationDisclosures`: one statement for every view asked.
     */
    viewDisclosuresByKey: createViewDisclosuresLoader(dataSource, 'EDUCATION'),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
