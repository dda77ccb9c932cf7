import { stripVTControlCharacters } from 'node:util';
import type { AuditRecord } from '../support/audit';
import type { GraphQLResponse } from '../support/system';

// The project's own matchers (tests/support/matchers.ts): each passes on what it describes and
// fails, saying what it received, on everything else.

/** `run`, failing as it fails but without the colours a terminal shows, to match the message. */
const plain = (run: () => void) => () => {
  try {
    run();
  } catch (error) {
    throw new Error(stripVTControlCharacters((error as Error).message));
  }
};

/** A response as the gateway gives a child view with the police section refused. */
const refusedSection: GraphQLResponse<unknown> = {
  status: 200,
  data: { child: { id: 'SC100001', police: null, health: { summary: 'No concerns' } } },
  errors: [
    {
      message: 'No relationship to this child',
      path: ['child', 'police'],
      extensions: { code: 'FORBIDDEN_NO_RELATIONSHIP' },
    },
  ],
};

describe('toBeRefusedWith', () => {
  it('passes on a response refused with the code, at the path given, the field null', () => {
    expect(refusedSection).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP');
    expect(refusedSection).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', ['child', 'police']);
    expect(refusedSection).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', 'child.police');
  });

  it('passes on a refusal that nulled a parent of the field, or the whole data', () => {
    const error = { message: 'Not for this role', path: ['child'], extensions: { code: 'X' } };
    expect({ status: 200, data: { child: null }, errors: [error] }).toBeRefusedWith('X', ['child']);
    expect({ status: 200, data: null, errors: [error] }).toBeRefusedWith('X', ['child']);
    expect({
      status: 200,
      data: { child: null },
      errors: [{ ...error, path: ['child', 'police'] }],
    }).toBeRefusedWith('X', ['child', 'police']);
  });

  it('passes on a refusal among other errors', () => {
    expect({
      status: 200,
      data: { child: { police: null, health: null } },
      errors: [
        { message: 'a', path: ['child', 'health'], extensions: { code: 'WITHHELD' } },
        ...refusedSection.errors!,
      ],
    }).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', ['child', 'police']);
  });

  it('fails on a response with no errors, saying so', () => {
    expect(
      plain(() =>
        expect({ status: 200, data: { child: { police: { summary: 'x' } } } }).toBeRefusedWith(
          'FORBIDDEN_ROLE',
        ),
      ),
    ).toThrow(/refused with "FORBIDDEN_ROLE"[\s\S]*Received no errors \(status 200\)/);
  });

  it('fails on another code, printing the errors received', () => {
    expect(plain(() => expect(refusedSection).toBeRefusedWith('FORBIDDEN_ROLE'))).toThrow(
      /refused with "FORBIDDEN_ROLE"[\s\S]*Received errors:[\s\S]*"code": "FORBIDDEN_NO_RELATIONSHIP"[\s\S]*"path": "child.police"/,
    );
  });

  it('fails on the code at another path', () => {
    expect(
      plain(() =>
        expect(refusedSection).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', ['child', 'health']),
      ),
    ).toThrow(/refused with "FORBIDDEN_NO_RELATIONSHIP" at child.health[\s\S]*"child.police"/);
  });

  it('fails when the field refused still has a value in data', () => {
    const answered = { ...refusedSection, data: { child: { police: { summary: 'Known' } } } };
    expect(
      plain(() => expect(answered).toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', 'child.police')),
    ).toThrow(/child.police in data is \{"summary": "Known"\}, not null/);
  });

  it('fails when the response has no such field, or no data at all', () => {
    expect(
      plain(() =>
        expect({ ...refusedSection, data: { child: {} } }).toBeRefusedWith(
          'FORBIDDEN_NO_RELATIONSHIP',
          'child.police',
        ),
      ),
    ).toThrow(/child.police in data is undefined, not null/);
    expect(
      plain(() =>
        expect({ status: 400, errors: refusedSection.errors }).toBeRefusedWith(
          'FORBIDDEN_NO_RELATIONSHIP',
          'child.police',
        ),
      ),
    ).toThrow(/child.police in data is undefined, not null/);
  });

  it('fails on something that is not a response, negated too', () => {
    expect(plain(() => expect(refusedSection.errors).toBeRefusedWith('FORBIDDEN_ROLE'))).toThrow(
      /Expected a GraphQL response/,
    );
    expect(plain(() => expect(undefined).not.toBeRefusedWith('FORBIDDEN_ROLE'))).toThrow(
      /Expected a GraphQL response/,
    );
  });

  it('passes negated on a response not refused with the code, and fails negated on one that is', () => {
    expect(refusedSection).not.toBeRefusedWith('FORBIDDEN_ROLE');
    expect(
      plain(() =>
        expect(refusedSection).not.toBeRefusedWith('FORBIDDEN_NO_RELATIONSHIP', 'child.police'),
      ),
    ).toThrow(/not to be refused with "FORBIDDEN_NO_RELATIONSHIP" at child.police/);
  });
});

describe('toRecordAudit', () => {
  const row = (overrides: Partial<AuditRecord>): AuditRecord => ({
    occurredAt: new Date('2026-11-20T12:00:00Z'),
    requestId: 'req-1',
    userId: 'sc-practitioner',
    userRole: 'MASH_PRACTITIONER',
    userAgency: 'SOCIALCARE',
    userTeam: 'MASH North',
    purpose: null,
    lawfulBasis: null,
    action: 'READ',
    subject: 'PoliceSection',
    childId: 'SC100001',
    fields: ['summary', 'occurrences.id'],
    outcome: 'DISCLOSED',
    reason: 'OPEN_CONTACT',
    breakGlassReason: null,
    ...overrides,
  });
  const rows = [
    row({}),
    row({
      subject: 'IntelligenceItem INT-1',
      fields: ['content'],
      outcome: 'WITHHELD',
      reason: 'WITHHELD_HANDLING_CODE',
    }),
  ];

  it('passes when one row has every property given, its fields in any order', () => {
    expect(rows).toRecordAudit({ outcome: 'DISCLOSED' });
    expect(rows).toRecordAudit({
      outcome: 'DISCLOSED',
      subject: 'PoliceSection',
      fields: ['occurrences.id', 'summary'],
      reason: 'OPEN_CONTACT',
      childId: 'SC100001',
    });
    expect(rows).toRecordAudit({ outcome: 'WITHHELD', reason: expect.stringMatching(/^WITHHELD/) });
  });

  it('fails when no one row has them all, printing the rows', () => {
    expect(
      plain(() => expect(rows).toRecordAudit({ outcome: 'WITHHELD', subject: 'PoliceSection' })),
    ).toThrow(
      /Expected an audit row with \{"outcome": "WITHHELD", "subject": "PoliceSection"\}[\s\S]*Received rows:[\s\S]*"subject": "IntelligenceItem INT-1"/,
    );
  });

  it('fails on fields that are not the same set', () => {
    expect(
      plain(() => expect(rows).toRecordAudit({ outcome: 'DISCLOSED', fields: ['summary'] })),
    ).toThrow(/Expected an audit row with/);
    expect(
      plain(() =>
        expect(rows).toRecordAudit({ outcome: 'WITHHELD', fields: ['content', 'recordedAt'] }),
      ),
    ).toThrow(/Expected an audit row with/);
  });

  it('tells a child apart from none', () => {
    expect(
      plain(() => expect(rows).toRecordAudit({ outcome: 'DISCLOSED', childId: null })),
    ).toThrow(/"childId": null/);
  });

  it('fails on no rows, and on something that is not rows, negated too', () => {
    expect(plain(() => expect([]).toRecordAudit({ outcome: 'DENIED' }))).toThrow(
      /Received no rows/,
    );
    expect(plain(() => expect({ rows }).toRecordAudit({ outcome: 'DENIED' }))).toThrow(
      /Expected audit rows/,
    );
    expect(plain(() => expect({ rows }).not.toRecordAudit({ outcome: 'DENIED' }))).toThrow(
      /Expected audit rows/,
    );
  });

  it('passes negated when no row matches, and fails negated naming the row that does', () => {
    expect(rows).not.toRecordAudit({ outcome: 'DENIED' });
    expect(plain(() => expect(rows).not.toRecordAudit({ outcome: 'WITHHELD' }))).toThrow(
      /Expected no audit row with[\s\S]*Received the row[\s\S]*"subject": "IntelligenceItem INT-1"/,
    );
  });
});
