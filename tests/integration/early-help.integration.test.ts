import type { User } from '../../shared/auth';
import { auditOf, DISCLOSURE_COLUMNS } from '../support/audit';
import { codes } from '../support/errors';
import { frontdoorHelpers, knownChild } from '../support/frontdoor';
import {
  startSubgraph,
  TEST_NOW,
  testWorld,
  type GraphQLResponse,
  type RunningSubgraph,
} from '../support/system';

// Early help after step-down, as the socialcare subgraph serves it: a STEP_DOWN_TO_EARLY_HELP
// decision opens an episode; its provider's early help practitioners work it; a step-up is a new
// MASH contact linked to it. TEST_NOW is Friday 20 November 2026, 12:00 UTC; the step-downs here
// are made then, and the work on them a week later (`later`).

const EPISODE = `
  id version
  child { id givenName }
  provider { id name kind }
  stepDownContactId steppedDownAt offeredAt
  response respondedOn
  assessment { startedOn completedOn organisation }
  leadPractitioner open closedOn closureReason stepUpContactId`;

interface EpisodeView {
  id: string;
  version: number;
  child: { id: string; givenName: string } | null;
  provider: { id: string; name: string; kind: string };
  stepDownContactId: string;
  response: string | null;
  open: boolean;
  closedOn: string | null;
  closureReason: string | null;
  stepUpContactId: string | null;
  [field: string]: unknown;
}

/** A practitioner of another provider than the demo user's (Early Help North). */
const SOUTH: User = {
  id: 'eh-south-worker',
  name: 'Rita Example',
  agency: 'SOCIALCARE',
  role: 'EARLY_HELP_PRACTITIONER',
  team: 'Early Help South',
};
const LATER = new Date('2026-11-27T12:00:00Z');
const STEP_DOWN = {
  level: 2,
  outcome: 'STEP_DOWN_TO_EARLY_HELP',
  rationale: 'Family under stress; parenting support will meet the needs without social care.',
};

describe('early help after step-down (socialcare)', () => {
  let sc: RunningSubgraph;
  let now = TEST_NOW;
  const { screened, change, decision, countContacts } = frontdoorHelpers(() => sc);

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', testWorld(), { now: () => now });
  });
  afterAll(() => sc.stop());
  afterEach(() => {
    now = TEST_NOW;
  });

  /** The episodes stored for a contact, as rows. */
  async function episodesOf(contactId: string) {
    return (await sc.database.dataSource.query(
      `SELECT id, child_id, provider_id, stepped_down_at, offered_at, version
         FROM early_help_episodes WHERE contact_id = $1`,
      [contactId],
    )) as { id: string; provider_id: string; version: number }[];
  }

  /** A contact screened and stepped down (with `overrides` on the decision); its response. */
  async function decideStepDown(
    contact: Record<string, unknown> = {},
    overrides: Record<string, unknown> = {},
  ) {
    const c = await screened('GREEN', contact);
    return change(
      'recordThresholdDecision',
      decision(c, knownChild.id, { ...STEP_DOWN, ...overrides }),
    );
  }

  /** An episode opened by a new step-down, read by the early help practitioner. */
  async function stepDown(contact: Record<string, unknown> = {}): Promise<EpisodeView> {
    const res = await decideStepDown(contact);
    expect(res.errors).toBeUndefined();
    const [row] = await episodesOf(res.data!.recordThresholdDecision.id);
    return read(row.id);
  }

  async function read(id: string, as: string | User = 'early-help'): Promise<EpisodeView> {
    const res = await sc.query<{ earlyHelpEpisode: EpisodeView }>(
      `query ($id: ID!) { earlyHelpEpisode(id: $id) { ${EPISODE} } }`,
      { id },
      { as },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.earlyHelpEpisode;
  }

  /** Runs an episode mutation as `as` (the early help demo user by default). */
  function work(
    mutation: string,
    input: Record<string, unknown>,
    as: string | User = 'early-help',
    requestId?: string,
  ): Promise<GraphQLResponse<Record<string, EpisodeView>>> {
    const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
    return sc.query(
      `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { ${EPISODE} } }`,
      { input },
      { as, ...(requestId ? { requestId } : {}) },
    );
  }

  async function accepted(): Promise<EpisodeView> {
    const e = await stepDown();
    now = LATER;
    const res = await work('recordEarlyHelpResponse', {
      episodeId: e.id,
      version: e.version,
      response: 'ACCEPTED',
      respondedOn: '2026-11-23',
    });
    expect(res.errors).toBeUndefined();
    return res.data!.recordEarlyHelpResponse;
  }

  describe('opening', () => {
    it('opens an episode for the child, offered to the early help team of the contact’s MASH', async () => {
      const e = await stepDown();
      expect(e).toEqual({
        id: expect.stringMatching(/^EH\d{6}$/),
        version: 1,
        child: { id: knownChild.id, givenName: knownChild.givenName },
        provider: { id: 'eh-north', name: 'Early Help North', kind: 'LOCAL_AUTHORITY' },
        stepDownContactId: expect.stringMatching(/^CT/),
        steppedDownAt: TEST_NOW.toISOString(),
        offeredAt: TEST_NOW.toISOString(),
        response: null,
        respondedOn: null,
        assessment: null,
        leadPractitioner: null,
        open: true,
        closedOn: null,
        closureReason: null,
        stepUpContactId: null,
      });
    });

    it.each([
      ['MASH South', 'eh-south'],
      ['MASH Central', 'eh-central'],
      ['Assessment Team 2', 'eh-central'],
    ])('offers a step-down from %s to %s by default', async (team, provider) => {
      const res = await decideStepDown({ team });
      expect(res.errors).toBeUndefined();
      const rows = await episodesOf(res.data!.recordThresholdDecision.id);
      expect(rows.map((r) => r.provider_id)).toEqual([provider]);
    });

    it('offers it to the provider the decision names', async () => {
      const res = await decideStepDown({}, { provider: 'parenting-plus' });
      expect(res.errors).toBeUndefined();
      const rows = await episodesOf(res.data!.recordThresholdDecision.id);
      expect(rows.map((r) => r.provider_id)).toEqual(['parenting-plus']);
    });

    it('refuses a provider not on the registered list, and records no decision', async () => {
      const c = await screened('GREEN');
      const res = await change(
        'recordThresholdDecision',
        decision(c, knownChild.id, { ...STEP_DOWN, provider: 'eh-nowhere' }),
      );
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field: 'provider' }]);
      const stored = (await sc.database.dataSource.query(
        `SELECT c.version, cc.outcome FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
          WHERE c.id = $1`,
        [c.id],
      )) as unknown[];
      expect({ stored, episodes: await episodesOf(c.id) }).toEqual({
        stored: [{ version: c.version, outcome: null }],
        episodes: [],
      });
    });

    it('refuses a provider with any outcome but a step-down', async () => {
      const c = await screened('GREEN');
      const res = await change(
        'recordThresholdDecision',
        decision(c, knownChild.id, { provider: 'eh-north' }),
      );
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field: 'provider' }]);
    });

    it('opens one episode however often the decision is retried', async () => {
      const c = await screened('GREEN');
      const input = decision(c, knownChild.id, STEP_DOWN);
      const first = await change('recordThresholdDecision', input);
      const again = await change('recordThresholdDecision', input);
      expect([first.errors, again.errors]).toEqual([undefined, undefined]);
      expect(again.data!.recordThresholdDecision.version).toBe(
        first.data!.recordThresholdDecision.version,
      );
      expect((await episodesOf(c.id)).length).toBe(1);
    });

    it('opens none for any other outcome', async () => {
      const c = await screened('GREEN');
      const res = await change('recordThresholdDecision', decision(c, knownChild.id));
      expect(res.errors).toBeUndefined();
      expect(await episodesOf(c.id)).toEqual([]);
    });
  });

  describe('the family’s response', () => {
    it('records an acceptance with its date, and audits it', async () => {
      const e = await stepDown();
      now = LATER;
      const res = await work(
        'recordEarlyHelpResponse',
        { episodeId: e.id, version: 1, response: 'ACCEPTED', respondedOn: '2026-11-23' },
        'early-help',
        'eh-accept-1',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordEarlyHelpResponse).toMatchObject({
        version: 2,
        response: 'ACCEPTED',
        respondedOn: '2026-11-23',
        open: true,
      });
      expect(await auditOf(sc, 'eh-accept-1', [...DISCLOSURE_COLUMNS, 'userId'])).toEqual([
        {
          subject: `EarlyHelpEpisode ${e.id}`,
          childId: knownChild.id,
          fields: ['familyResponse', 'respondedOn'],
          outcome: 'CHANGED',
          reason: 'EARLY_HELP_RESPONSE_RECORDED',
          userId: 'early-help',
        },
        {
          // The answer names the child: recorded as a disclosure on the provider's ground.
          subject: 'EarlyHelpEpisode.child',
          childId: knownChild.id,
          fields: ['givenName', 'id'],
          outcome: 'DISCLOSED',
          reason: 'CASE_TEAM',
          userId: 'early-help',
        },
      ]);
    });

    it('closes the episode as FAMILY_DECLINED when a declining closes it', async () => {
      const e = await stepDown();
      now = LATER;
      const res = await work('recordEarlyHelpResponse', {
        episodeId: e.id,
        version: 1,
        response: 'DECLINED',
        respondedOn: '2026-11-24',
        close: true,
      });
      expect(res.data!.recordEarlyHelpResponse).toMatchObject({
        response: 'DECLINED',
        open: false,
        closedOn: '2026-11-24',
        closureReason: 'FAMILY_DECLINED',
      });
    });

    it.each([
      ['in the future', { respondedOn: '2026-11-28' }, 'respondedOn'],
      ['before the step-down', { respondedOn: '2026-11-19' }, 'respondedOn'],
      ['closing an acceptance', { close: true }, 'close'],
      ['a version below 1', { version: 0 }, 'version'],
    ])('refuses a response %s with BAD_USER_INPUT', async (_, overrides, field) => {
      const e = await stepDown();
      now = LATER;
      const res = await work('recordEarlyHelpResponse', {
        episodeId: e.id,
        version: 1,
        response: 'ACCEPTED',
        respondedOn: '2026-11-23',
        ...overrides,
      });
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
      expect((await read(e.id)).version).toBe(1);
    });

    it('refuses a change to a version someone changed since, naming the current one', async () => {
      const e = await accepted();
      const res = await work('setEarlyHelpLeadPractitioner', {
        episodeId: e.id,
        version: 1,
        leadPractitioner: 'Jo Marsh, family support worker',
      });
      expect(res.errors?.map((x) => x.extensions)).toEqual([
        expect.objectContaining({ code: 'VERSION_CONFLICT', field: 'version', currentVersion: 2 }),
      ]);
    });

    it('answers a retry with the episode as it is, changing nothing', async () => {
      const e = await stepDown();
      now = LATER;
      const input = {
        episodeId: e.id,
        version: 1,
        response: 'ACCEPTED',
        respondedOn: '2026-11-23',
      };
      const first = await work('recordEarlyHelpResponse', input);
      const again = await work('recordEarlyHelpResponse', input, 'early-help', 'eh-retry-1');
      expect(again.data!.recordEarlyHelpResponse).toEqual(first.data!.recordEarlyHelpResponse);
      expect(await auditOf(sc, 'eh-retry-1', ['subject', 'outcome'])).toEqual([
        { subject: 'EarlyHelpEpisode', outcome: 'DISCLOSED' },
        { subject: 'EarlyHelpEpisode.child', outcome: 'DISCLOSED' },
      ]);
    });

    it('says NOT_FOUND for an episode that does not exist', async () => {
      const res = await work('recordEarlyHelpResponse', {
        episodeId: 'EH999999',
        version: 1,
        response: 'ACCEPTED',
        respondedOn: '2026-11-20',
      });
      expect(codes(res.errors)).toEqual([{ code: 'NOT_FOUND', field: 'episodeId' }]);
    });
  });

  describe('who works an episode', () => {
    it.each([
      ['another provider’s early help practitioner', SOUTH as string | User],
      ['a MASH practitioner', 'sc-practitioner'],
      ['a police MASH practitioner', 'police-mash'],
      ['an analyst', 'analyst'],
    ])('refuses %s with FORBIDDEN_ROLE, recorded as DENIED', async (_, as) => {
      const e = await stepDown();
      const requestId = `eh-refused-${Math.random().toString(36).slice(2)}`;
      const res = await work(
        'setEarlyHelpLeadPractitioner',
        { episodeId: e.id, version: 1, leadPractitioner: 'Jo Marsh' },
        as,
        requestId,
      );
      expect(codes(res.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
      const rows = await auditOf(sc, requestId, ['outcome', 'reason']);
      expect(rows).toEqual([{ outcome: 'DENIED', reason: 'FORBIDDEN_ROLE' }]);
      expect((await read(e.id)).leadPractitioner).toBeNull();
    });

    it('lets a MASH manager work any provider’s episode', async () => {
      const e = await stepDown();
      const res = await work(
        'setEarlyHelpLeadPractitioner',
        { episodeId: e.id, version: 1, leadPractitioner: 'Jo Marsh, family support worker' },
        'sc-manager',
      );
      expect(res.data!.setEarlyHelpLeadPractitioner).toMatchObject({
        version: 2,
        leadPractitioner: 'Jo Marsh, family support worker',
      });
    });
  });

  describe('the assessment, the lead and the closure', () => {
    it('records the assessment’s start, then its completion and organisation', async () => {
      const e = await accepted();
      const started = await work('recordEarlyHelpAssessment', {
        episodeId: e.id,
        version: e.version,
        startedOn: '2026-11-24',
      });
      const done = await work('recordEarlyHelpAssessment', {
        episodeId: e.id,
        version: started.data!.recordEarlyHelpAssessment.version,
        startedOn: '2026-11-24',
        completedOn: '2026-11-27',
        organisation: 'Northside Primary School',
      });
      expect([started, done].map((r) => Object.values(r.data!)[0].assessment)).toEqual([
        { startedOn: '2026-11-24', completedOn: null, organisation: null },
        {
          startedOn: '2026-11-24',
          completedOn: '2026-11-27',
          organisation: 'Northside Primary School',
        },
      ]);
    });

    it('refuses an assessment before the family has accepted', async () => {
      const e = await stepDown();
      const res = await work('recordEarlyHelpAssessment', {
        episodeId: e.id,
        version: 1,
        startedOn: '2026-11-20',
      });
      expect(codes(res.errors)).toEqual([{ code: 'INVALID_TRANSITION', field: 'startedOn' }]);
    });

    it.each([
      ['a completion without its organisation', { completedOn: '2026-11-26' }, 'organisation'],
      [
        'a completion before the start',
        { startedOn: '2026-11-26', completedOn: '2026-11-25', organisation: 'Early Help North' },
        'completedOn',
      ],
    ])('refuses %s with BAD_USER_INPUT', async (_, overrides, field) => {
      const e = await accepted();
      const res = await work('recordEarlyHelpAssessment', {
        episodeId: e.id,
        version: e.version,
        startedOn: '2026-11-24',
        ...overrides,
      });
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    });

    it('closes an episode with its reason, after which nothing more is recorded on it', async () => {
      const e = await accepted();
      const closed = await work('closeEarlyHelpEpisode', {
        episodeId: e.id,
        version: e.version,
        closedOn: '2026-11-27',
        reason: 'NEEDS_MET',
      });
      expect(closed.data!.closeEarlyHelpEpisode).toMatchObject({
        open: false,
        closedOn: '2026-11-27',
        closureReason: 'NEEDS_MET',
      });
      const after = await work('setEarlyHelpLeadPractitioner', {
        episodeId: e.id,
        version: closed.data!.closeEarlyHelpEpisode.version,
        leadPractitioner: 'Jo Marsh',
      });
      expect(codes(after.errors)).toEqual([{ code: 'EPISODE_CLOSED', field: undefined }]);
    });

    it.each([
      ['STEPPED_UP, which a step-up records', { reason: 'STEPPED_UP' }, 'reason'],
      ['FAMILY_DECLINED when the family accepted', { reason: 'FAMILY_DECLINED' }, 'reason'],
      ['a date before the family’s response', { closedOn: '2026-11-22' }, 'closedOn'],
    ])('refuses a closure %s', async (_, overrides, field) => {
      const e = await accepted();
      const res = await work('closeEarlyHelpEpisode', {
        episodeId: e.id,
        version: e.version,
        closedOn: '2026-11-27',
        reason: 'NEEDS_MET',
        ...overrides,
      });
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    });
  });

  describe('stepping up', () => {
    const concern = 'Family stopped engaging; new report of neglect from the school this week.';

    it('records a new MASH contact about the child, linked to the episode it closes', async () => {
      const e = await accepted();
      const before = await countContacts();
      const res = await work('stepUpEarlyHelp', { episodeId: e.id, version: e.version, concern });
      expect(res.errors).toBeUndefined();
      const up = res.data!.stepUpEarlyHelp;
      expect(up).toMatchObject({
        open: false,
        closedOn: '2026-11-27',
        closureReason: 'STEPPED_UP',
        stepUpContactId: expect.stringMatching(/^CT/),
      });
      const [contact] = (await sc.database.dataSource.query(
        `SELECT c.source_code, c.referrer, c.concern, c.team, c.stage, c.recorded_by,
                array_agg(cc.child_id) AS children
           FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
          WHERE c.id = $1 GROUP BY c.id`,
        [up.stepUpContactId],
      )) as unknown[];
      expect({ contact, added: (await countContacts()) - before }).toEqual({
        contact: {
          source_code: '5D',
          referrer: 'Nadia Kerrigan, Early Help North',
          concern,
          team: 'MASH North',
          stage: 'RECEIVED',
          recorded_by: 'early-help',
          children: [knownChild.id],
        },
        added: 1,
      });
    });

    it('answers a retry with the stepped-up episode and records no second contact', async () => {
      const e = await accepted();
      const input = { episodeId: e.id, version: e.version, concern };
      const first = await work('stepUpEarlyHelp', input);
      const before = await countContacts();
      const again = await work('stepUpEarlyHelp', input);
      expect(again.data!.stepUpEarlyHelp).toEqual(first.data!.stepUpEarlyHelp);
      expect(await countContacts()).toBe(before);
    });

    it('applies the contact’s rules, writing nothing when one refuses', async () => {
      const e = await accepted();
      const before = await countContacts();
      const res = await work('stepUpEarlyHelp', {
        episodeId: e.id,
        version: e.version,
        concern: 'short',
      });
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field: 'concern' }]);
      expect({ contacts: await countContacts(), open: (await read(e.id)).open }).toEqual({
        contacts: before,
        open: true,
      });
    });

    it('refuses a step-up on a version someone changed since, recording no contact', async () => {
      const e = await accepted();
      const before = await countContacts();
      const res = await work('stepUpEarlyHelp', { episodeId: e.id, version: 1, concern });
      expect(codes(res.errors)).toEqual([{ code: 'VERSION_CONFLICT', field: 'version' }]);
      expect(await countContacts()).toBe(before);
    });
  });

  describe('the list', () => {
    const LIST = `query ($filter: EarlyHelpEpisodeFilter, $first: Int, $after: String) {
      earlyHelpEpisodes(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id provider { id } steppedDownAt open } }
      }
    }`;
    type Page = {
      earlyHelpEpisodes: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { id: string; provider: { id: string }; steppedDownAt: string } }[];
      };
    };

    async function everyPage(as: string | User, filter: Record<string, unknown> = {}) {
      const ids: string[] = [];
      const providers = new Set<string>();
      let after: string | null = null;
      let total = 0;
      do {
        const res: GraphQLResponse<Page> = await sc.query<Page>(
          LIST,
          { filter, first: 7, after },
          { as },
        );
        expect(res.errors).toBeUndefined();
        const page = res.data!.earlyHelpEpisodes;
        total = page.totalCount;
        page.edges.forEach((e) => {
          ids.push(e.node.id);
          providers.add(e.node.provider.id);
        });
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      return { ids, providers: [...providers].sort(), total };
    }

    it('gives an early help practitioner their provider’s episodes, newest step-down first, page by page', async () => {
      await stepDown();
      now = LATER;
      await stepDown();
      const expected = (
        (await sc.database.dataSource.query(
          `SELECT id FROM early_help_episodes WHERE provider_id = 'eh-north'
            ORDER BY stepped_down_at DESC, id DESC`,
        )) as { id: string }[]
      ).map((r) => r.id);
      expect(await everyPage('early-help')).toEqual({
        ids: expected,
        providers: ['eh-north'],
        total: expected.length,
      });
    });

    it('lists open episodes only when asked', async () => {
      const e = await stepDown();
      now = LATER;
      await work('closeEarlyHelpEpisode', {
        episodeId: e.id,
        version: 1,
        closedOn: '2026-11-25',
        reason: 'MOVED_AWAY',
      });
      const { ids } = await everyPage('early-help', { open: true });
      expect(ids).not.toContain(e.id);
      const open = (await sc.database.dataSource.query(
        `SELECT count(*)::int AS n FROM early_help_episodes
          WHERE provider_id = 'eh-north' AND closed_on IS NULL`,
      )) as { n: number }[];
      expect(ids.length).toBe(open[0].n);
    });

    it('gives a MASH manager every provider’s episodes', async () => {
      await decideStepDown({ team: 'MASH South' });
      const all = (await sc.database.dataSource.query(
        `SELECT count(*)::int AS n FROM early_help_episodes`,
      )) as { n: number }[];
      const list = await everyPage('sc-manager');
      expect(list.total).toBe(all[0].n);
      expect(list.providers).toEqual(expect.arrayContaining(['eh-north', 'eh-south']));
    });

    it.each([
      [
        'an early help practitioner asking for another provider',
        'early-help',
        { providerId: 'eh-south' },
      ],
      ['an analyst', 'analyst', {}],
      ['a partner’s MASH practitioner', 'health-mash', {}],
    ])('refuses %s with FORBIDDEN_ROLE', async (_, as, filter) => {
      const res = await sc.query(LIST, { filter }, { as });
      expect(codes(res.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
    });

    it('refuses a cursor it did not write', async () => {
      const res = await sc.query(LIST, { after: 'bm90LWEtY3Vyc29y' }, { as: 'early-help' });
      expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field: 'after' }]);
    });

    it('shows an early help practitioner who the child is, and not the MASH’s records', async () => {
      const e = await stepDown();
      const res = await sc.query<{ earlyHelpEpisode: Record<string, unknown> }>(
        `query ($id: ID!) { earlyHelpEpisode(id: $id) {
           child { id household { id } contacts { id } } stepDownContact { id } } }`,
        { id: e.id },
        { as: 'early-help' },
      );
      expect({
        data: res.data!.earlyHelpEpisode,
        errors: codes(res.errors).map((c) => c.code),
      }).toEqual({
        data: {
          child: { id: knownChild.id, household: null, contacts: null },
          stepDownContact: null,
        },
        errors: ['FORBIDDEN_ROLE', 'FORBIDDEN_ROLE', 'FORBIDDEN_ROLE'],
      });
    });

    it('lists a child’s episodes on its record for the MASH', async () => {
      const e = await stepDown();
      const res = await sc.query<{ child: { earlyHelpEpisodes: { id: string }[] } }>(
        `query ($id: ID!) { child(id: $id) { earlyHelpEpisodes { id } } }`,
        { id: knownChild.id },
        { as: 'sc-practitioner' },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.child.earlyHelpEpisodes.map((x) => x.id)).toContain(e.id);
    });
  });
});
