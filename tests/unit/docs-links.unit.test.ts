import fs from 'node:fs';
import path from 'node:path';
import {
  anchorsIn,
  brokenLinks,
  diskSource,
  linksIn,
  slug,
  type DocSource,
} from '../support/markdown-links';

// The README is the front page and docs/ the manual: a link that leads nowhere is a defect, so
// every relative link in them, and every #anchor, must resolve. The checker's own tests come
// first, so that a checker that finds nothing cannot pass unnoticed.

const REPO_ROOT = path.resolve(__dirname, '../..');

/** The Markdown the project keeps: the front page, the contributor's guide, the benchmarks, docs/. */
function documentationFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(relative);
      return entry.name.endsWith('.md') ? [relative] : [];
    });
  return ['README.md', 'CONTRIBUTING.md', 'BENCHMARKS.md', ...walk('docs')];
}

/** A repository held in memory, for the checker's own tests. */
function memory(files: Record<string, string>): DocSource {
  const abs = (f: string) => path.join('/repo', f);
  const byPath = new Map(Object.entries(files).map(([f, text]) => [abs(f), text]));
  const folders = new Set(
    Object.keys(files).flatMap((f) => {
      const parts = f.split('/').slice(0, -1);
      return parts.map((_, i) => abs(parts.slice(0, i + 1).join('/')));
    }),
  );
  return {
    read: (file) => byPath.get(file),
    exists: (file) => byPath.has(file) || folders.has(file),
  };
}

describe('the Markdown link checker', () => {
  it('makes anchors by GitHub slug rules', () => {
    expect(
      [
        "Reports: the headline table and Ofsted's Annex A lists",
        'The front door: contacts, RAG, decisions and the clock',
        '`npm start` on a busy machine',
        'Step 2 — check **gov.uk**',
        'snake_case stays',
      ].map(slug),
    ).toEqual([
      'reports-the-headline-table-and-ofsteds-annex-a-lists',
      'the-front-door-contacts-rag-decisions-and-the-clock',
      'npm-start-on-a-busy-machine',
      'step-2--check-govuk',
      'snake_case-stays',
    ]);
  });

  it('numbers a repeated heading as GitHub does and ignores a # line in a code block', () => {
    const text = '# Title\n\n## Notes\n\n```sh\n# not a heading\n```\n\n## Notes\n';
    expect([...anchorsIn(text)]).toEqual(['title', 'notes', 'notes-1']);
  });

  it('finds links but not those in fenced code, inline code or comments', () => {
    const text = [
      'See [one](a.md) and ![a picture](img/b.png "title").',
      '```md',
      '[in a fence](nowhere.md)',
      '```',
      'Code: `[x](inline.md)` and a span wrapped `over',
      'two lines [y](wrapped.md)` then [two](c.md#part).',
      '<!-- [commented](gone.md) -->',
      '[ref]: docs/d.md',
    ].join('\n');
    expect(linksIn(text)).toEqual([
      { target: 'a.md', line: 1 },
      { target: 'img/b.png', line: 1 },
      { target: 'c.md#part', line: 6 },
      { target: 'docs/d.md', line: 8 },
    ]);
  });

  it('reports a missing file, a missing anchor and a link out of the repository', () => {
    const source = memory({
      'README.md': [
        '# Front',
        '[fine](docs/a.md#a-heading) [here](#front) [folder](docs/)',
        '[missing](docs/nope.md) [bad anchor](docs/a.md#nothing) [in page](#nowhere)',
        '[outside](../elsewhere.md) [web](https://example.org/x.md)',
      ].join('\n'),
      'docs/a.md': '# A heading\n',
    });
    expect(brokenLinks('/repo', 'README.md', source)).toEqual([
      'README.md:3: docs/nope.md (no such file)',
      'README.md:3: docs/a.md#nothing (no heading in docs/a.md makes #nothing)',
      'README.md:3: #nowhere (no heading in README.md makes #nowhere)',
      'README.md:4: ../elsewhere.md (outside the repository)',
    ]);
  });

  it('resolves a link from a page in docs/ against that page', () => {
    const source = memory({
      'docs/a.md': '[up](../README.md#front) [beside](b.md)',
      'docs/b.md': '',
      'README.md': '# Front\n',
    });
    expect(brokenLinks('/repo', 'docs/a.md', source)).toEqual([]);
  });
});

describe('the documentation', () => {
  const files = documentationFiles();

  it('is the front page, the guides and at least one page in docs/', () => {
    expect(files.slice(0, 3)).toEqual(['README.md', 'CONTRIBUTING.md', 'BENCHMARKS.md']);
    expect(files.filter((f) => f.startsWith('docs/')).length).toBeGreaterThan(0);
  });

  it.each(files)('%s: every relative link resolves', (file) => {
    expect(brokenLinks(REPO_ROOT, file, diskSource())).toEqual([]);
  });
});
