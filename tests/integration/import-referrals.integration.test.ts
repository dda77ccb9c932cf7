import type { Database } from '../../shared/database';
import { createTestDatabase } from '../support/databases';
import { contactsFile, file, importInto, ruleHelpers } from '../support/imports';

// Importing history: referrals and assessments, of contacts and referrals stored earlier or in
// the same import, and the rows refused (a child not on the contact, no decision to refer).

describe('importing history: rules and matching', () => {
  let db: Database;
  const { nextId, child } = ruleHelpers(() => db);

  beforeAll(async () => {
    db = await createTestDatabase('socialcare');
  });
  afterAll(() => db.close());

  it('loads a referral of a contact stored earlier, then an assessment of that referral', async () => {
    const id = nextId();
    await child('SCT00030', 'Nia', 'Roe', '2012-03-03');
    await child('SCT00031', 'Obi', 'Roe', '2014-04-04');
    const decided = '2025-03-03T12:00:00Z,3,ASSESSMENT_REQUIRED';
    await importInto(db, [
      contactsFile(
        `${id},SCT00030,,,,,,2025-03-03T09:30:00Z,6,RED,${decided}`,
        `${id},SCT00031,,,,,,2025-03-03T09:30:00Z,6,RED,${decided}`,
      ),
    ]);
    const referrals = await importInto(db, [
      file(
        'referrals.csv',
        'referral_id,contact_id,child_id,created_at,completed_at,created_by',
        `R-${id},${id},SCT00031,2025-03-03T12:00:00Z,2025-03-04T09:00:00Z,jdoe`,
      ),
    ]);
    const assessments = await importInto(db, [
      file(
        'assessments.csv',
        'assessment_id,referral_id,started_at,authorised_at,outcome',
        `A-${id},R-${id},2025-03-04T09:00:00Z,,`,
      ),
    ]);
    expect([referrals.created, assessments.created, assessments.rejected]).toEqual([
      { contacts: 0, children: 0, referrals: 1, assessments: 0 },
      { contacts: 0, children: 0, referrals: 0, assessments: 1 },
      [],
    ]);
    expect(
      await db.dataSource.query(
        `SELECT r.child_id, r.created_by, a.child_id AS assessed, a.outcome
           FROM referrals r JOIN assessments a ON a.referral_id = r.id WHERE r.id = $1`,
        [`R-${id}`],
      ),
    ).toEqual([{ child_id: 'SCT00031', created_by: 'jdoe', assessed: 'SCT00031', outcome: null }]);
  });

  it("loads Annex A's allocated team and worker, child seen and a new child's disability, refusing an unregistered team", async () => {
    const id = nextId();
    const decided = '2025-03-03T12:00:00Z,3,ASSESSMENT_REQUIRED';
    const contacts = file(
      'contacts.csv',
      'contact_id,given_name,family_name,date_of_birth,disability,received_at,source,rag,decided_at,level,outcome',
      `${id},Ivy,Annexa,2013-05-05,yes,2025-03-03T09:30:00Z,6,RED,${decided}`,
    );
    const referrals = (team: string) =>
      file(
        'referrals.csv',
        'referral_id,contact_id,child_id,created_at,completed_at,allocated_team,allocated_worker',
        `R-${id},${id},,2025-03-03T12:00:00Z,2025-03-04T09:00:00Z,${team},Sam Carter`,
      );
    const assessments = file(
      'assessments.csv',
      'assessment_id,referral_id,started_at,authorised_at,outcome,allocated_team,allocated_worker,child_seen',
      `A-${id},R-${id},2025-03-04T09:00:00Z,,,Assessment Team 2,Priya Nair,YES`,
    );
    const refused = await importInto(db, [contacts, referrals('Assessment Team 9'), assessments]);
    expect(refused.rejected).toEqual([
      {
        file: 'referrals.csv',
        line: 2,
        reason:
          'allocated_team "Assessment Team 9" is not a socialcare team: one of MASH North, MASH South, MASH Central, Assessment Team 2',
      },
      { file: 'assessments.csv', line: 2, reason: `referral R-${id} is refused in this import` },
    ]);
    const stored = await importInto(db, [contacts, referrals('assessment-2'), assessments]);
    expect(stored.rejected).toEqual([]);
    expect(
      await db.dataSource.query(
        `SELECT ch.disability, r.allocated_team, r.allocated_worker, a.allocated_team AS a_team,
                a.allocated_worker AS a_worker, a.child_seen
           FROM referrals r JOIN assessments a ON a.referral_id = r.id
           JOIN children ch ON ch.id = r.child_id WHERE r.id = $1`,
        [`R-${id}`],
      ),
    ).toEqual([
      {
        disability: 'YES',
        allocated_team: 'Assessment Team 2',
        allocated_worker: 'Sam Carter',
        a_team: 'Assessment Team 2',
        a_worker: 'Priya Nair',
        child_seen: true,
      },
    ]);
    // Again: the same content, unchanged.
    const again = await importInto(db, [contacts, referrals('Assessment Team 2'), assessments]);
    expect([again.created, again.rejected]).toEqual([
      { contacts: 0, children: 0, referrals: 0, assessments: 0 },
      [],
    ]);
  });

  it('refuses a referral of a child that is not on the contact', async () => {
    const id = nextId();
    await child('SCT00020', 'Lou', 'Moss', '2012-01-01');
    const report = await importInto(db, [
      contactsFile(
        `${id},SCT00020,,,,,,2025-03-03T09:30:00Z,6,RED,2025-03-03T12:00:00Z,3,ASSESSMENT_REQUIRED`,
      ),
      file(
        'referrals.csv',
        'referral_id,contact_id,child_id,created_at,completed_at',
        `R-${id},${id},SCT00012,2025-03-03T12:00:00Z,`,
      ),
    ]);
    expect(report.rejected).toEqual([
      { file: 'referrals.csv', line: 2, reason: `child SCT00012 is not on contact ${id}` },
    ]);
  });

  it('refuses a referral of a contact neither stored nor in the import', async () => {
    const report = await importInto(db, [
      file(
        'referrals.csv',
        'referral_id,contact_id,child_id,created_at,completed_at',
        'R-NONE,NO-SUCH-CONTACT,,2025-03-03T12:00:00Z,',
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'referrals.csv',
        line: 2,
        reason: 'no contact NO-SUCH-CONTACT in the database or this import',
      },
    ]);
  });

  it('refuses a referral of a child without a threshold decision', async () => {
    const id = nextId();
    const report = await importInto(db, [
      contactsFile(`${id},,Max,Nye,2012-02-02,,,2025-03-03T09:30:00Z,6,RED,,,`),
      file(
        'referrals.csv',
        'referral_id,contact_id,child_id,created_at,completed_at',
        `R-${id},${id},,2025-03-03T12:00:00Z,`,
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'referrals.csv',
        line: 2,
        reason: `the child has no threshold decision on contact ${id}: a referral follows a decision`,
      },
    ]);
  });

  it('refuses an assessment outcome the assessments table does not allow', async () => {
    const report = await importInto(db, [
      file(
        'assessments.csv',
        'assessment_id,referral_id,started_at,authorised_at,outcome',
        'A-1,R-1,2025-03-04T09:00:00Z,2025-03-20T09:00:00Z,ASSESSMENT_REQUIRED',
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'assessments.csv',
        line: 2,
        reason:
          'outcome "ASSESSMENT_REQUIRED" must be one of NO_FURTHER_ACTION, CHILD_IN_NEED_PLAN, SECTION_47, STEP_DOWN_TO_EARLY_HELP, OTHER',
      },
    ]);
  });

  it('refuses a referral of a child whose decision was not to refer', async () => {
    const id = nextId();
    const report = await importInto(db, [
      contactsFile(
        `${id},,Jem,Egan,2012-02-02,,,2025-03-03T09:30:00Z,6,RED,2025-03-03T12:00:00Z,2,NO_FURTHER_ACTION`,
      ),
      file(
        'referrals.csv',
        'referral_id,contact_id,child_id,created_at,completed_at',
        `R-${id},${id},,2025-03-03T12:00:00Z,`,
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'referrals.csv',
        line: 2,
        reason: `the child's decision on contact ${id} is NO_FURTHER_ACTION: a referral follows ASSESSMENT_REQUIRED or STRATEGY_DISCUSSION`,
      },
    ]);
  });

  it('refuses a referral created before the decision to refer', async () => {
    const id = nextId();
    const report = await importInto(db, [
      contactsFile(
        `${id},,Kay,Fenn,2012-02-02,,,2025-03-03T09:30:00Z,6,RED,2025-03-03T12:00:00Z,3,STRATEGY_DISCUSSION`,
      ),
      file(
        'referrals.csv',
        'referral_id,contact_id,child_id,created_at,completed_at',
        // After the contact was received, but before the decision.
        `R-${id},${id},,2025-03-03T11:59:59Z,`,
      ),
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'referrals.csv',
        line: 2,
        reason: `created_at is before the child's decision on contact ${id}`,
      },
    ]);
  });
});
