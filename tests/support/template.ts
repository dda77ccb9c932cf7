import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

// The package's exports map hides its package.json; read it from the installed folder instead.
const { version } = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '..', '..', 'node_modules', '@electric-sql', 'pglite', 'package.json'),
    'utf8',
  ),
) as { version: string };

/** Where the pre-initialised PGlite data directory image for tests is cached. */
export const TEMPLATE_FILE = path.join(os.tmpdir(), `mash-pglite-template-${version}.tar`);

/** Writes the template once per machine and PGlite version (initdb costs seconds; loading it, one). */
export async function ensurePgliteTemplate(): Promise<void> {
  if (fs.existsSync(TEMPLATE_FILE)) return;
  const db = new PGlite('memory://');
  await db.waitReady;
  const dump = await db.dumpDataDir('none');
  await db.close();
  const tmp = `${TEMPLATE_FILE}.${process.pid}`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, TEMPLATE_FILE);
}

/** The cached template as a Blob for `new PGlite(..., { loadDataDir })`. */
export function loadPgliteTemplate(): Blob {
  return new Blob([fs.readFileSync(TEMPLATE_FILE)]);
}
