// Screenshots of the workbench on the running system, for the README and docs/workbench.md: the
// queue, a child and the analysts' dashboard, in Debian's Chromium. Start the system first (npm start), then:
//   npm run screenshots                       writes docs/screenshots/*.png
//   npm run screenshots -- --base http://127.0.0.1:4005/
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { loadConfigOrExit } from '../shared/config';
import { demoChildrenPath, type DemoChildren } from '../seed/files';
import { arg, runBenchmark, say } from './bench-support';

const config = loadConfigOrExit();
const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');

async function signIn(page: Page, base: string, user: string): Promise<void> {
  await page.goto(base);
  await page.getByRole('radio', { name: new RegExp(`\\(${user}\\)`) }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function main(): Promise<void> {
  const base = arg('base', `http://127.0.0.1:${config.web.port}/`);
  const demo = JSON.parse(fs.readFileSync(demoChildrenPath(config), 'utf8')) as DemoChildren;
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, base, 'sc-practitioner');
    await page.locator('table.queue tbody tr').first().waitFor();
    await page.screenshot({ path: path.join(OUT, 'queue.png') });
    await page.goto(`${base}#/child/${demo.withOpenContact}`);
    await page.locator('section.agency-police .summary').waitFor();
    await page.locator('table.chronology tbody tr').first().waitFor();
    await page.screenshot({ path: path.join(OUT, 'child.png'), fullPage: false });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, base, 'analyst');
    await page.getByText('Contacts received').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'dashboard.png'), fullPage: true });
    say(`wrote queue.png, child.png and dashboard.png to ${OUT}`);
  } finally {
    await browser.close();
  }
}

runBenchmark('screenshots', main);
