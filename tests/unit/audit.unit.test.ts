import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { AuditRecorder, GENESIS_HASH, hashAuditRow, selectedFields } from '../../shared/audit';

const ROW = {
  prevHash: GENESIS_HASH,
  occurredAt: new Date('2026-11-20T12:00:00.000Z'),
  requestId: 'req-00000001',
  userId: 'sc-practitioner',
  userRole: 'MASH_PRACTITIONER',
  userAgency: 'SOCIALCARE',
  userTeam: 'MASH North',
  purpose: 'contact:C0000001',
  lawfulBasis: 'public task',
  action: 'READ',
  subject: 'PoliceSection',
  childId: 'SC100001',
  fields: ['summary'],
  outcome: 'DISCLOSED',
  reason: 'OPEN_CONTACT',
  breakGlassReason: null,
};

describe('the audit chain hash', () => {
  it('is a SHA-256 hex digest that is the same for the same row', () => {
    expect(hashAuditRow(ROW)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRow({ ...ROW })).toBe(hashAuditRow(ROW));
  });

  it.each(Object.keys(ROW))('changes when %s changes', (key) => {
    const value = (ROW as Record<string, unknown>)[key];
    const changed =
      value instanceof Date
        ? new Date(value.getTime() + 1)
        : Array.isArray(value)
          ? [...value, 'extra']
          : value === null
            ? 'set'
            : `${String(value)}x`;
    expect(hashAuditRow({ ...ROW, [key]: changed })).not.toBe(hashAuditRow(ROW));
  });
});

describe('AuditRecorder', () => {
  const entry = {
    action: 'READ' as const,
    subject: 'PoliceSection',
    childId: 'SC100001',
    outcome: 'DISCLOSED' as const,
    reason: 'OPEN_CONTACT',
    lawfulBasis: 'public task',
  };

  it('merges repeats of the same child, subject and outcome into one row with every field', () => {
    const recorder = new AuditRecorder();
    recorder.record({ ...entry, fields: ['summary', 'match.level'] });
    recorder.record({ ...entry, fields: ['summary', 'person.id'] });
    recorder.record({ ...entry, childId: 'SC100002', fields: ['summary'] });
    expect(recorder.drain()).toEqual([
      { ...entry, fields: ['match.level', 'person.id', 'summary'] },
      { ...entry, childId: 'SC100002', fields: ['summary'] },
    ]);
  });

  it('keeps a refusal apart from a disclosure about the same child', () => {
    const recorder = new AuditRecorder();
    recorder.record({ ...entry, fields: ['summary'] });
    recorder.record({ ...entry, outcome: 'WITHHELD', reason: 'X', fields: ['summary'] });
    expect(recorder.drain().map((e) => e.outcome)).toEqual(['DISCLOSED', 'WITHHELD']);
  });

  it('forgets what it drained', () => {
    const recorder = new AuditRecorder();
    recorder.record({ ...entry, fields: ['summary'] });
    recorder.drain();
    expect(recorder.drain()).toEqual([]);
  });
});

describe('selectedFields', () => {
  const schema = buildSchema(`
    type Query { child: Child }
    type Child { id: ID name: String police: Police }
    type Police { summary: String person: Person }
    type Person { id: ID pnc: String }
  `);

  function fieldsOf(query: string): string[] {
    let seen: string[] = [];
    execute({
      schema,
      document: parse(query),
      rootValue: {
        child: (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
          seen = selectedFields(info);
          return null;
        },
      },
    });
    return seen;
  }

  it('names every leaf as a dotted path, expanding fragments, without __typename or values', () => {
    expect(
      fieldsOf(`
        query { child { __typename id ...P ... on Child { name } } }
        fragment P on Child { police { summary person { id pnc } } }
      `),
    ).toEqual(['id', 'name', 'police.person.id', 'police.person.pnc', 'police.summary']);
  });
});
