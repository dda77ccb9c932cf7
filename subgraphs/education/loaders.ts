import { In, type DataSource } from 'typeorm';
import { normaliseUpn } from '../../shared/identifiers';
import { createGroupLoader, createRowLoader } from '../../shared/loaders';
import { createMatchLoader, type Candidate } from '../../shared/matching';
import { Enrolment, School, TermAttendance, type Pupil } from './entities';

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

/** One DataLoader per access path, built fresh for every request. */
export function createLoaders(dataSource: DataSource) {
  return {
    /** By UPN, current or former, where the local authority holds one, else by demographics. */
    pupilByChild: createMatchLoader<PupilRecord>({
      fetchCandidates: async (probes) => {
        const upns = [...new Set(probes.map(upnOf).filter((u) => u !== null))];
        const dobs = [...new Set(probes.map((p) => p.dateOfBirth).filter((d) => d !== null))];
        if (upns.length === 0 && dobs.length === 0) return [];
        const rows: PupilRow[] = await dataSource.query(
          `SELECT p.*,
                  ARRAY(SELECT f.upn FROM pupil_former_upns f
                        WHERE f.pupil_id = p.id ORDER BY f.upn) AS former_upns
             FROM pupils p
            WHERE p.upn = ANY($1::text[])
               OR p.date_of_birth = ANY($2::date[])
               OR p.id IN (SELECT pupil_id FROM pupil_former_upns WHERE upn = ANY($1::text[]))`,
          [upns, dobs],
        );
        return rows.map(toCandidate);
      },
      identifier: (probe) => ({ label: 'UPN', value: upnOf(probe) }),
      isCandidateFor: (probe, c) =>
        c.dateOfBirth === probe.dateOfBirth || c.identifiers.includes(upnOf(probe) ?? ''),
    }),
    enrolmentsByPupilId: createGroupLoader(
      (ids: readonly string[]) =>
        dataSource.getRepository(Enrolment).find({
          where: { pupilId: In([...ids]) },
          order: { startDate: 'DESC', id: 'DESC' },
        }),
      (e) => e.pupilId,
    ),
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
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
