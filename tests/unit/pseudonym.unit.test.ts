import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../shared/config';
import { ensureDevSecret } from '../../shared/keys';
import { PSEUDONYM_PATTERN, pseudonymise } from '../../subgraphs/socialcare/pseudonym';
import {
  DEV_PSEUDONYM_KEY_FILE,
  loadSocialcareSettings,
  pseudonymKeyFor,
} from '../../subgraphs/socialcare/settings';

const KEY = 'an-example-pseudonym-key-of-32-chars!!';
const OTHER_KEY = 'another-example-key-also-32-chars-long';

describe('pseudonymise', () => {
  it('is HMAC-SHA256 of the id, its first 10 bytes in base32 after a P', () => {
    // Worked out apart from this code, with Python's hmac and base64.b32encode:
    //   'P' + b32encode(hmac.new(key, b'SC100001', sha256).digest()[:10])
    expect(pseudonymise(KEY, 'SC100001')).toBe('PITH643YN3KBTOLHH');
    expect(pseudonymise(KEY, 'SC100002')).toBe('PTUJ3AVJT5XASZSW7');
  });

  it('gives the same child the same pseudonym every time under one key', () => {
    const ids = ['SC100001', 'SC100002', 'SC123456', 'BC0000001'];
    expect(ids.map((id) => pseudonymise(KEY, id))).toEqual(ids.map((id) => pseudonymise(KEY, id)));
  });

  it('gives the same child an unrelated pseudonym under another key', () => {
    expect(pseudonymise(OTHER_KEY, 'SC100001')).toBe('PJWGP5GPTAUON6QWP');
  });

  it('is a P and 16 characters of A-Z and 2-7, distinct for each of 10,000 children', () => {
    const all = Array.from({ length: 10_000 }, (_, i) => pseudonymise(KEY, `SC${100000 + i}`));
    expect(all.filter((p) => !PSEUDONYM_PATTERN.test(p))).toEqual([]);
    expect(new Set(all).size).toBe(10_000);
  });

  it('refuses a key shorter than 32 characters', () => {
    expect(() => pseudonymise('x'.repeat(31), 'SC100001')).toThrow(
      'A pseudonym key must be at least 32 characters',
    );
  });
});

describe('the pseudonym key', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-pseudonym-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is PSEUDONYM_KEY when it is set, and nothing is generated', () => {
    const env = { MASH_DATA_DIR: dataDir, PSEUDONYM_KEY: KEY };
    expect(pseudonymKeyFor(loadSocialcareSettings(env), loadConfig(env))).toBe(KEY);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('is refused (null) in production without PSEUDONYM_KEY, and nothing is generated', () => {
    const env = {
      MASH_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      INTERNAL_JWKS: '/run/keys/jwks.json',
    };
    expect(pseudonymKeyFor(loadSocialcareSettings(env), loadConfig(env))).toBeNull();
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('is generated once outside production under keys/, readable by its owner only', () => {
    const config = loadConfig({ MASH_DATA_DIR: dataDir });
    const key = pseudonymKeyFor({ pseudonymKey: null }, config);
    const file = path.join(dataDir, 'keys', 'pseudonym.key');
    expect({
      key: /^[A-Za-z0-9_-]{43}$/.test(key ?? ''),
      file: fs.readFileSync(file, 'utf8'),
      mode: (fs.statSync(file).mode & 0o777).toString(8),
      again: pseudonymKeyFor({ pseudonymKey: null }, config),
    }).toEqual({ key: true, file: `${key}\n`, mode: '600', again: key });
  });

  it('generates a different key for each data directory', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-pseudonym-'));
    try {
      expect(ensureDevSecret(path.join(dataDir, 'keys'), DEV_PSEUDONYM_KEY_FILE)).not.toBe(
        ensureDevSecret(path.join(other, 'keys'), DEV_PSEUDONYM_KEY_FILE),
      );
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('keeps the key already there when another process made it first', () => {
    const keys = path.join(dataDir, 'keys');
    fs.mkdirSync(keys);
    fs.writeFileSync(path.join(keys, 'pseudonym.key'), `${KEY}\n`);
    expect(ensureDevSecret(keys, DEV_PSEUDONYM_KEY_FILE)).toBe(KEY);
  });
});
