// Adds lockfile entries for platform-specific optional packages that the registry this project is
// developed against does not serve (macOS and Windows builds of @swc/core, esbuild, ...). Without
// them `npm ci` refuses the lockfile as out of sync. Each entry carries its os/cpu so npm skips it
// on other platforms; a machine of that platform resolves it from its own registry.
// Run after `npm install` changes package-lock.json: node scripts/lock-optional.mjs
import fs from 'node:fs';

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
const guess = (name) => {
  const os = [
    'darwin',
    'win32',
    'linux',
    'freebsd',
    'android',
    'openbsd',
    'netbsd',
    'sunos',
    'aix',
    'openharmony',
    'wasi',
  ].find(
    (o) =>
      name.includes(o.replace('win32', 'win32')) || (o === 'win32' && /win32|windows/.test(name)),
  );
  const cpu = [
    'arm64',
    'x64',
    'ia32',
    'arm',
    'ppc64',
    's390x',
    'riscv64',
    'loong64',
    'mips64el',
    'wasm32',
  ].find((c) => name.includes(c));
  return { os, cpu };
};
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (pkgs[base] || pkgs[top]) continue;
    const { os, cpu } = guess(dep);
    pkgs[top] = {
      version: spec,
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
    };
    if (entry.dev) pkgs[top].dev = true;
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries`);
