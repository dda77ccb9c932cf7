import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { DEMO_USERS } from '../../dev/dev-issuer';
import { listen, type RunningServer } from '../../shared/http';
import { buildWeb, WEB_DIST_DIR } from '../../web/build';
import { createWebServer } from '../../web/server';
import { userToken } from '../support/auth';
import { startSystem, testWorld, type RunningSystem } from '../support/system';

// The workbench in a real browser (Debian's Chromium, driven by playwright-core) against the whole
// federation: users of different roles and agencies sign in, work one contact from receipt to
// decision, see a withheld section as withheld and a missing agency as unavailable. Screenshots go
// to test-artifacts/workbench/.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../../test-artifacts/workbench');
const hasBrowser = fs.existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI) {
  throw new Error(`CI runs the browser tests: ${CHROMIUM} is missing (apt-get install chromium)`);
}
if (!hasBrowser) {
  process.stderr.write(
    `Skipping the workbench browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
}
const describeInBrowser = hasBrowser ? describe : describe.skip;

describeInBrowser('the workbench in a browser', () => {
  let system: RunningSystem;
  let web: RunningServer;
  let browser: Browser;
  let base: string;
  const world = testWorld();
  const open = new Set(
    world.socialcare.contactChildren.filter((c) => c.decidedAt === null).map((c) => c.childId),
  );
  // A child police know and who is on no open contact, and none of whose case is held.
  const child = world.truth.people.find(
    (p) =>
      p.kind === 'CHILD' && !p.unborn && p.socialcareId && p.policeId && !open.has(p.socialcareId),
  )!;
  const childId = child.socialcareId as string;
  // Two more, whom no test puts on a contact: a MASH user has no relationship with them.
  const [unrelated, alsoUnrelated] = world.truth.people
    .filter(
      (p) =>
        p.kind === 'CHILD' &&
        !p.unborn &&
        p.socialcareId &&
        p.policeId &&
        p.socialcareId !== childId &&
        !open.has(p.socialcareId) &&
        !world.socialcare.referrals.some((r) => r.childId === p.socialcareId),
    )
    .map((p) => p.socialcareId as string);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await buildWeb({ quiet: true });
    system = await startSystem();
    web = await listen(
      createWebServer({
        distDir: WEB_DIST_DIR,
        gatewayUrl: system.gatewayUrl,
        devSignIn: { users: Object.values(DEMO_USERS), mint: (user) => userToken(user) },
      }),
      0,
    );
    base = web.url.replace(/\/graphql$/, '/');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close(100);
    await system?.stop();
  });

  async function signIn(user: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInOn(page, user);
    return page;
  }

  async function signInOn(page: Page, user: string): Promise<void> {
    await page.goto(base);
    await page.getByRole('radio', { name: new RegExp(`\\(${user}\\)`) }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /**
   * Polls `read` until `done` holds (the workbench's content security policy forbids the string
   * evaluation Playwright's waitForFunction would need), for up to 10 s; returns the last value.
   */
  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  it('shows a MASH practitioner the queue, most urgent first, with RAG in words and live clocks', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The browser's own clock, so the test can move time on and watch the countdowns follow.
    await page.clock.install();
    await signInOn(page, 'sc-practitioner');
    await page.getByRole('heading', { name: 'MASH queue' }).waitFor();
    const rows = page.locator('table.queue tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    // Every rated row says its RAG in words, not only in colour.
    const rags = await page.locator('table.queue .rag').allTextContents();
    expect(rags.every((r) => ['Red', 'Amber', 'Green', 'Blue', 'Not rated'].includes(r))).toBe(
      true,
    );
    // The clocks count down without a reload: two hours on, the first row's clocks read otherwise.
    const clocks = rows.first().locator('.clocks');
    const before = await clocks.textContent();
    await page.clock.fastForward('02:00:00');
    expect(
      await until(
        () => clocks.textContent(),
        (text) => text !== before,
      ),
    ).not.toBe(before);
    // Most urgent first: the rows are the queue's own order (earliest running due instant first).
    const shown = await page.locator('table.queue tbody th a').allTextContents();
    const queue = await system.query<{ mashQueue: { edges: { node: { id: string } }[] } }>(
      '{ mashQueue(first: 25) { edges { node { id } } } }',
    );
    expect(shown).toEqual(queue.data!.mashQueue.edges.map((e) => e.node.id));
    await shot(page, 'queue');
    await page.close();
  });

  it('filters the queue by RAG', async () => {
    const page = await signIn('sc-manager');
    await page.locator('table.queue tbody tr').first().waitFor();
    await page.getByRole('checkbox', { name: 'Red', exact: true }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rags = await until(
      () => page.locator('table.queue .rag').allTextContents(),
      (texts) => texts.every((t) => t === 'Red'),
    );
    expect(new Set(rags)).toEqual(new Set(rags.length ? ['Red'] : []));
    await page.close();
  });

  it('works one contact from receipt to decision, showing errors beside their fields', async () => {
    const practitioner = await signIn('sc-practitioner');
    await practitioner.getByRole('link', { name: 'Record a contact' }).click();
    await practitioner.getByRole('heading', { name: 'Record a contact' }).waitFor();
    await practitioner.getByLabel('Source').selectOption('2A');
    await practitioner.getByLabel('Who made the contact').fill('DSL, Example Primary');
    // Too short a concern: the error is shown next to the field, and what was typed stays.
    await practitioner.getByLabel('The concern').fill('Bruises');
    await practitioner.getByLabel('Child id').fill(childId);
    await practitioner.getByRole('button', { name: 'Record the contact' }).click();
    const concernError = practitioner.locator('#nc-concern-error');
    await concernError.waitFor();
    expect(await practitioner.getByLabel('The concern').getAttribute('aria-invalid')).toBe('true');
    expect(await practitioner.getByLabel('Who made the contact').inputValue()).toBe(
      'DSL, Example Primary',
    );
    await shot(practitioner, 'record-contact-error');
    await practitioner
      .getByLabel('The concern')
      .fill('Child arrived with bruising to the arm and is scared to go home.');
    await practitioner.getByRole('button', { name: 'Record the contact' }).click();
    await practitioner.getByRole('heading', { name: /^Contact C/ }).waitFor();
    const contactUrl = practitioner.url();
    const contactId = /contact\/([^/?]+)/.exec(contactUrl)![1];

    // Screen it red, then ask police.
    await practitioner.getByRole('radio', { name: 'Red', exact: true }).check();
    await practitioner
      .getByLabel('Why this rating')
      .fill('Unexplained injury and the child is afraid to go home');
    await practitioner.getByRole('button', { name: 'Save rating' }).click();
    await practitioner.getByRole('heading', { name: 'Ask partner agencies to check' }).waitFor();
    await practitioner.getByRole('checkbox', { name: 'Police' }).check();
    await practitioner.getByRole('button', { name: 'Request checks' }).click();
    await practitioner.getByText('Checks requested', { exact: false }).first().waitFor();

    // Police's MASH researcher answers their check.
    const police = await signIn('police-mash');
    await police.goto(contactUrl);
    await police.getByRole('heading', { name: "Answer police's check" }).waitFor();
    await police.getByRole('radio', { name: /Information shared/ }).check();
    await police.getByRole('button', { name: 'Record the answer' }).click();
    await police.getByText('Checks answered', { exact: false }).first().waitFor();
    await police.close();

    // The decision: a short rationale is refused beside its field, then it is recorded.
    await practitioner.reload();
    const form = practitioner.locator('form', { hasText: 'Threshold decision for' });
    await form.getByLabel('Level of need').selectOption('3');
    await form.getByLabel('Outcome').selectOption('ASSESSMENT_REQUIRED');
    await form.getByLabel('Rationale').fill('Too short');
    await form.getByRole('radio', { name: 'Consent not sought' }).check();
    await form
      .getByLabel('Lawful basis for going ahead without consent')
      .fill('DPA 2018 Sch 1 para 18: seeking consent would put the child at risk');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await form.locator('.field-error').first().waitFor();
    expect(await form.getByLabel('Rationale').getAttribute('aria-invalid')).toBe('true');
    // Typed key by key while the page's clocks tick: the error summary must not take the focus.
    await form.getByLabel('Rationale').fill('');
    await form
      .getByLabel('Rationale')
      .pressSequentially('Police information and the injury meet the threshold', { delay: 40 });
    await practitioner.waitForTimeout(1200);
    await practitioner.keyboard.type(' for a child in need assessment.');
    expect(await form.getByLabel('Rationale').inputValue()).toBe(
      'Police information and the injury meet the threshold for a child in need assessment.',
    );
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await practitioner.getByText('This contact is closed').waitFor();
    const decided = await system.query<{ contact: { stage: string; decisions: unknown[] } }>(
      `query ($id: ID!) { contact(id: $id) { stage decisions { level outcome consent decidedBy } } }`,
      { id: contactId },
    );
    expect(decided.data?.contact).toEqual({
      stage: 'DECIDED',
      decisions: [
        {
          level: 3,
          outcome: 'ASSESSMENT_REQUIRED',
          consent: 'NOT_SOUGHT',
          decidedBy: 'sc-practitioner',
        },
      ],
    });
    await shot(practitioner, 'contact-decided');
    await practitioner.close();
  });

  it('keeps what the user typed when someone else changed the contact first', async () => {
    const recorded = await system.query<{ recordContact: { id: string } }>(
      `mutation ($input: RecordContactInput!) { recordContact(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: `conflict-${Date.now()}`,
          source: '6',
          referrer: 'PC 1234 Smith',
          concern: 'Domestic incident at the address with the child present.',
          children: [{ childId }],
        },
      },
    );
    const id = recorded.data!.recordContact.id;
    const page = await signIn('sc-practitioner');
    await page.goto(`${base}#/contact/${id}`);
    await page.getByRole('radio', { name: 'Amber', exact: true }).check();
    await page.getByLabel('Why this rating').fill('Child present at a domestic incident');
    // A colleague rates it meanwhile.
    await system.query(
      `mutation ($input: ScreenContactInput!) { screenContact(input: $input) { id } }`,
      { input: { contactId: id, version: 1, rag: 'RED', reason: 'Repeat incidents this month' } },
      { as: 'sc-manager' },
    );
    await page.getByRole('button', { name: 'Save rating' }).click();
    await page.getByText('Someone else changed this contact').waitFor();
    expect(await page.getByLabel('Why this rating').inputValue()).toBe(
      'Child present at a domestic incident',
    );
    await page.getByText('Version 2').waitFor();
    await page.close();
  });

  it('shows a section a rule withholds as withheld, with the reason', async () => {
    // Police's MASH researcher has no relationship with this child: every agency withholds.
    const page = await signIn('police-mash');
    await page.goto(`${base}#/child/${unrelated}`);
    await page.getByRole('heading', { name: 'What each agency holds' }).waitFor();
    const police = page.locator('section.agency-police');
    await police.getByText('Withheld.').waitFor();
    expect(await police.textContent()).toContain('no legitimate relationship');
    await shot(page, 'child-withheld');
    await page.close();
  });

  it('breaks glass for one child only, and sends the reason with the detail', async () => {
    const page = await signIn('sc-practitioner');
    await page.goto(`${base}#/child/${unrelated}`);
    await page.locator('section.agency-police').getByText('Withheld.').waitFor();
    // Too short a reason is refused beside the field, and the child stays on screen.
    await page.getByLabel('Reason (20 to 500 characters)').fill('urgent');
    await page.getByRole('button', { name: 'See the records for this reason' }).click();
    await page.locator('#break-glass-error').waitFor();
    expect(await page.getByRole('heading', { name: 'Household' }).count()).toBe(1);
    await page
      .getByLabel('Reason (20 to 500 characters)')
      .fill('Police report the child’s mother was arrested tonight');
    await page.getByRole('button', { name: 'See the records for this reason' }).click();
    await page.getByText('Viewing under break-glass.').waitFor();
    const police = page.locator('section.agency-police');
    await police.locator('.summary').waitFor();
    if (await police.getByText('Show police detail').count()) {
      await police.getByText('Show police detail').click();
      await police.locator('.records').first().waitFor();
    }
    // Another child opened afterwards is not seen under that reason.
    await page.goto(`${base}#/child/${alsoUnrelated}`);
    await page.locator('section.agency-police').getByText('Withheld.').waitFor();
    expect(await page.getByText('Viewing under break-glass.').count()).toBe(0);
    await page.close();
  });

  it('shows a MASH practitioner every agency, summary first and the detail a click away', async () => {
    const page = await signIn('sc-practitioner');
    const viewed = await system.query<{ recordContact: { id: string } }>(
      `mutation ($input: RecordContactInput!) { recordContact(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: `view-${Date.now()}`,
          source: '3E',
          referrer: 'A&E nurse',
          concern: 'Third attendance this month with an unexplained injury.',
          children: [{ childId }],
        },
      },
    );
    expect(viewed.errors).toBeUndefined();
    await page.goto(`${base}#/child/${childId}`);
    const police = page.locator('section.agency-police');
    await police.locator('.summary').waitFor();
    await police.getByText('Show police detail').click();
    await police.locator('.records').first().waitFor();
    await page.locator('table.chronology tbody tr').first().waitFor();
    await shot(page, 'child');
    await page.close();
  });

  it('shows the analyst the dashboard and nothing child-level', async () => {
    const page = await signIn('analyst');
    await page.getByRole('heading', { name: 'Decision timeliness' }).waitFor();
    await page.getByText('Contacts received').waitFor();
    expect(await page.locator('canvas').count()).toBe(4);
    expect(await page.getByRole('link', { name: 'Queue' }).count()).toBe(0);
    await page.getByRole('button', { name: /Download List 1/ }).waitFor();
    await page.getByRole('heading', { name: 'Step-down to early help' }).waitFor();
    await page.getByRole('rowheader', { name: 'Re-referrals within 12 months' }).waitFor();
    await shot(page, 'dashboard');
    await page.close();
  });

  it('can be used with the keyboard alone, on a tablet', async () => {
    const page = await browser.newPage({ viewport: { width: 820, height: 1180 } });
    await page.goto(base);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // Tab to the first demo user, choose it with the arrow keys, and submit with Enter.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await page.locator(':focus').getAttribute('type')) === 'radio') break;
    }
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await shot(page, 'tablet');
    await page.close();
  });

  /**
   * A new step-down of `childId` by MASH North (so offered to Early Help North, the `early-help`
   * user's provider), made at TEST_NOW; its episode's id, the newest of that provider's.
   */
  async function steppedDown(): Promise<string> {
    const recorded = await system.query<{ recordContact: { id: string; version: number } }>(
      `mutation ($input: RecordContactInput!) { recordContact(input: $input) { id version } }`,
      {
        input: {
          idempotencyKey: `step-down-${Date.now()}-${Math.random()}`,
          source: '2A',
          referrer: 'DSL, Example Primary',
          concern: 'Parents struggling with routines since a bereavement; school worried.',
          children: [{ childId }],
        },
      },
    );
    expect(recorded.errors).toBeUndefined();
    const contact = recorded.data!.recordContact;
    const screened = await system.query<{ screenContact: { version: number } }>(
      `mutation ($input: ScreenContactInput!) { screenContact(input: $input) { version } }`,
      {
        input: {
          contactId: contact.id,
          version: contact.version,
          rag: 'GREEN',
          reason: 'No immediate risk; family support needed',
        },
      },
    );
    expect(screened.errors).toBeUndefined();
    const decided = await system.query(
      `mutation ($input: RecordThresholdDecisionInput!) { recordThresholdDecision(input: $input) { id } }`,
      {
        input: {
          contactId: contact.id,
          version: screened.data!.screenContact.version,
          childId,
          level: 2,
          outcome: 'STEP_DOWN_TO_EARLY_HELP',
          rationale: 'Family under stress; parenting support will meet the needs.',
          consent: 'GIVEN',
        },
      },
    );
    expect(decided.errors).toBeUndefined();
    const listed = await system.query<{
      earlyHelpEpisodes: { edges: { node: { id: string; stepDownContactId: string } }[] };
    }>('{ earlyHelpEpisodes(first: 1) { edges { node { id stepDownContactId } } } }', undefined, {
      as: 'early-help',
    });
    const [newest] = listed.data!.earlyHelpEpisodes.edges;
    expect(newest.node.stepDownContactId).toBe(contact.id);
    return newest.node.id;
  }

  /** An episode as the tests check it after working it in the browser. */
  async function episode(id: string) {
    const res = await system.query<{ earlyHelpEpisode: Record<string, unknown> }>(
      `query ($id: ID!) { earlyHelpEpisode(id: $id) { version response respondedOn open } }`,
      { id },
      { as: 'early-help' },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.earlyHelpEpisode;
  }

  it("shows an early help practitioner their provider's episodes and records a family's response", async () => {
    const id = await steppedDown();
    const page = await signIn('early-help');
    await page.getByRole('heading', { name: 'Early help', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Queue' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Find a child' }).count()).toBe(0);
    const rows = page.locator('table.early-help tbody tr');
    await rows.first().waitFor();
    // The open episodes, newest step-down first, as the service lists them; no child is a link
    // (an early help practitioner may not look children up).
    const listed = await system.query<{ earlyHelpEpisodes: { edges: { node: { id: string } }[] } }>(
      '{ earlyHelpEpisodes(first: 25, filter: { open: true }) { edges { node { id } } } }',
      undefined,
      { as: 'early-help' },
    );
    expect(await page.locator('table.early-help tbody th a').allTextContents()).toEqual(
      listed.data!.earlyHelpEpisodes.edges.map((e) => e.node.id),
    );
    expect(await page.locator('table.early-help tbody td a').count()).toBe(0);
    await shot(page, 'early-help');

    await page.getByRole('link', { name: id, exact: true }).click();
    await page
      .getByRole('heading', { name: new RegExp(`^Early help for .* \\(${id}\\)$`) })
      .waitFor();
    await page.getByRole('radio', { name: 'Accepted' }).check();
    await page.getByLabel('Date of the family’s answer').fill('2026-11-20');
    await page.getByRole('button', { name: 'Record the response' }).click();
    await page.getByText('The family’s response is recorded.').waitFor();
    await page.getByRole('heading', { name: 'Record the early help assessment' }).waitFor();
    expect(await episode(id)).toEqual({
      version: 2,
      response: 'ACCEPTED',
      respondedOn: '2026-11-20',
      open: true,
    });
    await shot(page, 'early-help-episode');
    await page.close();
  });

  it('shows a date the service refuses beside its field, and changes nothing', async () => {
    const id = await steppedDown();
    const page = await signIn('early-help');
    await page.goto(`${base}#/early-help/${id}`);
    await page.getByRole('radio', { name: 'Declined' }).check();
    await page.getByLabel('Date of the family’s answer').fill('2026-12-25');
    await page.getByLabel('Close the episode: the family declined').check();
    await page.getByRole('button', { name: 'Record the response' }).click();
    const error = page.locator('#eh-responded-on-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('must not be in the future');
    expect(await page.getByLabel('Date of the family’s answer').getAttribute('aria-invalid')).toBe(
      'true',
    );
    // The summary links to the field, and what was typed stays.
    await page.locator('.error-summary a').first().click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('eh-responded-on');
    expect(await page.getByLabel('Date of the family’s answer').inputValue()).toBe('2026-12-25');
    expect(await episode(id)).toEqual({
      version: 1,
      response: null,
      respondedOn: null,
      open: true,
    });
    await page.close();
  });

  it('says someone else changed the episode, reloads it and keeps what the user typed', async () => {
    const id = await steppedDown();
    const page = await signIn('early-help');
    await page.goto(`${base}#/early-help/${id}`);
    await page.getByLabel('Lead practitioner’s name and role').fill('Jo Marsh, family support');
    // A MASH manager answers for the family meanwhile.
    const meanwhile = await system.query(
      `mutation ($input: RecordEarlyHelpResponseInput!) { recordEarlyHelpResponse(input: $input) { version } }`,
      { input: { episodeId: id, version: 1, response: 'ACCEPTED', respondedOn: '2026-11-20' } },
      { as: 'sc-manager' },
    );
    expect(meanwhile.errors).toBeUndefined();
    await page.getByRole('button', { name: 'Save the lead practitioner' }).click();
    await page.getByText('Someone else changed this episode').waitFor();
    await page.getByText('Version 2.').waitFor();
    expect(await page.getByLabel('Lead practitioner’s name and role').inputValue()).toBe(
      'Jo Marsh, family support',
    );
    await page.close();
  });

  it("shows a MASH manager every provider's episodes, filtered by provider", async () => {
    const page = await signIn('sc-manager');
    await page.getByRole('link', { name: 'Early help' }).click();
    await page.getByRole('heading', { name: 'Early help', exact: true }).waitFor();
    await page.locator('table.early-help tbody tr').first().waitFor();
    await page.getByLabel('Offered to').selectOption({ label: 'Early Help South' });
    await page.getByLabel('Open episodes only').uncheck();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const listed = await system.query<{ earlyHelpEpisodes: { edges: { node: { id: string } }[] } }>(
      '{ earlyHelpEpisodes(first: 25, filter: { providerId: "eh-south" }) { edges { node { id } } } }',
      undefined,
      { as: 'sc-manager' },
    );
    const expected = listed.data!.earlyHelpEpisodes.edges.map((e) => e.node.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      await until(
        () => page.locator('table.early-help tbody th a').allTextContents(),
        (ids) => ids.join() === expected.join(),
      ),
    ).toEqual(expected);
    // A MASH manager may look children up: each child is a link to their page.
    expect(await page.locator('table.early-help tbody td a').count()).toBe(expected.length);
    await page.close();
  });

  it("lists a child's early help episodes on the child's page, each a link to the episode", async () => {
    const id = await steppedDown();
    // An open contact about the child: the MASH practitioner's relationship with them.
    const open = await system.query(
      `mutation ($input: RecordContactInput!) { recordContact(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: `eh-child-${Date.now()}`,
          source: '5D',
          referrer: 'Early Help North',
          concern: 'Family not engaging with early help and the school reports new bruising.',
          children: [{ childId }],
        },
      },
    );
    expect(open.errors).toBeUndefined();
    const page = await signIn('sc-practitioner');
    await page.goto(`${base}#/child/${childId}`);
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Early help', exact: true }),
    });
    await section.getByRole('link', { name: id, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`\\(${id}\\)$`) }).waitFor();
    // A MASH practitioner reads the episode and does not work it.
    await page.getByText('Your role reads early help episodes').waitFor();
    await page.close();
  });

  it('says an agency is unavailable when it is down, and still shows the rest', async () => {
    await system.subgraphs.education.stop();
    const page = await signIn('sc-practitioner');
    await page.goto(`${base}#/child/${childId}`);
    const education = page.locator('section.agency-education');
    await education.getByText('Unavailable.').waitFor();
    await page.locator('section.agency-police .summary').waitFor();
    await page.close();
  });
});
