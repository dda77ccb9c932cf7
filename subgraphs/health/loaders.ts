import { In, type DataSource } from 'typeorm';
import { normaliseNhsNumber } from '../../shared/identifiers';
import { createGroupLoader } from '../../shared/loaders';
import { createMatchLoader, type Candidate } from '../../shared/matching';
import { Patient, UnscheduledCareAttendance } from './entities';

function toCandidate(p: Patient): Candidate<Patient> {
  return { ...p, identifiers: p.nhsNumber ? [p.nhsNumber] : [], record: p };
}

/** The NHS number a child reference carries, normalised, or null. */
function nhsNumberOf(probe: { nhsNumber?: string | null }): string | null {
  return probe.nhsNumber ? normaliseNhsNumber(probe.nhsNumber) : null;
}

/** One DataLoader per access path, built fresh for every request. */
export function createLoaders(dataSource: DataSource) {
  const patients = dataSource.getRepository(Patient);
  return {
    /** By NHS number where the local authority holds one, else by demographics. */
    patientByChild: createMatchLoader<Patient>({
      fetchCandidates: async (probes) => {
        const nhs = [...new Set(probes.map(nhsNumberOf).filter((n) => n !== null))];
        const dobs = [...new Set(probes.map((p) => p.dateOfBirth).filter((d) => d !== null))];
        if (nhs.length === 0 && dobs.length === 0) return [];
        const rows = await patients.find({
          where: [{ nhsNumber: In(nhs) }, { dateOfBirth: In(dobs) }],
        });
        return rows.map(toCandidate);
      },
      identifier: (probe) => ({ label: 'NHS number', value: nhsNumberOf(probe) }),
      isCandidateFor: (probe, c) =>
        c.dateOfBirth === probe.dateOfBirth || c.identifiers.includes(nhsNumberOf(probe) ?? ''),
    }),
    attendancesByPatientId: createGroupLoader(
      (ids: readonly string[]) =>
        dataSource.getRepository(UnscheduledCareAttendance).find({
          where: { patientId: In([...ids]) },
          order: { arrivedAt: 'DESC', id: 'DESC' },
        }),
      (a) => a.patientId,
    ),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
