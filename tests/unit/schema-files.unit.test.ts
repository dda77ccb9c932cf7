import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSchemaFiles } from '../../shared/subgraph';

// A subgraph's SDL is one schema.graphql or a schema/ folder of files (socialcare's), read by the
// servers, the composition and the tests through this one function.

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-schema-files-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

describe('readSchemaFiles', () => {
  it('reads schema.graphql as it is', () => {
    write('schema.graphql', 'type Query {\n  a: Int\n}\n');
    expect(readSchemaFiles(dir)).toBe('type Query {\n  a: Int\n}\n');
  });

  it('joins the .graphql files of schema/ in name order, whatever order they were written in', () => {
    write('schema/reporting.graphql', 'extend type Query {\n  r: Int\n}\n');
    write('schema/core.graphql', 'type Query {\n  c: Int\n}\n');
    write('schema/frontdoor.graphql', 'extend type Query {\n  f: Int\n}\n');
    write('schema/notes.md', 'not SDL');
    expect(readSchemaFiles(dir)).toBe(
      [
        'type Query {\n  c: Int\n}\n',
        'extend type Query {\n  f: Int\n}\n',
        'extend type Query {\n  r: Int\n}\n',
      ].join('\n'),
    );
  });

  it('refuses a folder with both schema.graphql and schema/', () => {
    write('schema.graphql', 'type Query {\n  a: Int\n}\n');
    write('schema/core.graphql', 'type Query {\n  c: Int\n}\n');
    expect(() => readSchemaFiles(dir)).toThrow(
      `${dir} needs schema.graphql or a schema/ folder, not both`,
    );
  });

  it('refuses a folder with neither', () => {
    expect(() => readSchemaFiles(dir)).toThrow(
      `${dir} needs schema.graphql or a schema/ folder, and has neither`,
    );
  });

  it('refuses a schema/ folder with no .graphql file', () => {
    write('schema/notes.md', 'not SDL');
    expect(() => readSchemaFiles(dir)).toThrow(
      `${path.join(dir, 'schema')} holds no .graphql file`,
    );
  });
});
