import { In, type DataSource } from 'typeorm';
import { createGroupLoader } from '../../shared/loaders';
import { createMatchLoader, type Candidate } from '../../shared/matching';
import {
  IntelligenceClearance,
  IntelligenceItem,
  Occurrence,
  OccurrencePerson,
  Person,
} from './entities';

/** An occurrence with the part one person played in it. */
export interface PersonOccurrence {
  personId: string;
  role: string;
  occurrence: Occurrence;
}

function toCandidate(p: Person): Candidate<Person> {
  return { ...p, identifiers: [], record: p };
}

/** One DataLoader per access path, built fresh for every request. */
export function createLoaders(dataSource: DataSource) {
  const persons = dataSource.getRepository(Person);
  return {
    /** Police hold no child identifier the local authority has, so they match on demographics. */
    personByChild: createMatchLoader<Person>({
      fetchCandidates: async (probes) => {
        const dobs = [...new Set(probes.map((p) => p.dateOfBirth).filter((d) => d !== null))];
        if (dobs.length === 0) return [];
        return (await persons.findBy({ dateOfBirth: In(dobs) })).map(toCandidate);
      },
      identifier: () => ({ label: 'PNC id', value: null }),
      isCandidateFor: (probe, c) => c.dateOfBirth === probe.dateOfBirth,
    }),
    intelligenceByPersonId: createGroupLoader<string, IntelligenceItem>(
      (ids) =>
        dataSource.getRepository(IntelligenceItem).find({
          where: { personId: In([...ids]) },
          order: { recordedAt: 'DESC', id: 'DESC' },
        }),
      (i) => i.personId,
    ),
    clearancesByItemId: createGroupLoader<string, IntelligenceClearance>(
      (ids) =>
        dataSource
          .getRepository(IntelligenceClearance)
          .find({ where: { itemId: In([...ids]) }, order: { agency: 'ASC' } }),
      (c) => c.itemId,
    ),
    occurrencesByPersonId: createGroupLoader<string, PersonOccurrence>(
      async (ids) => {
        const rows = await dataSource
          .getRepository(OccurrencePerson)
          .createQueryBuilder('op')
          .innerJoinAndMapOne('op.occurrence', Occurrence, 'o', 'o.id = op.occurrence_id')
          .where('op.person_id IN (:...ids)', { ids: [...ids] })
          .orderBy('o.occurred_at', 'DESC')
          .addOrderBy('o.id', 'DESC')
          .getMany();
        return rows as unknown as PersonOccurrence[];
      },
      (r) => r.personId,
    ),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
