import fs from 'node:fs';
import path from 'node:path';

/**
 * A checker for the relative links in the project's Markdown, written for the way the docs are
 * written here (ATX headings, inline links, reference definitions, fenced code). No Markdown
 * parser is among the dependencies, so it scans: fenced code blocks, inline code spans and HTML
 * comments are blanked first (keeping every newline, so line numbers stay true), then every
 * `](target)` and `[ref]: target` left is a link. External links (with a scheme, or `//`) are not
 * checked; a relative link must name a file or folder inside the repository, and an anchor must
 * be made by a heading (or an HTML `id`/`name`) of the Markdown file it points into.
 */

/** Where the checker reads files: the disk in the real test, a map in the checker's own tests. */
export interface DocSource {
  /** The file's text, or undefined when there is no such file. */
  read(file: string): string | undefined;
  /** True when a file or a folder exists at the path. */
  exists(file: string): boolean;
}

/** Files and folders as they are on disk. */
export function diskSource(): DocSource {
  return {
    read: (file) =>
      fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined,
    exists: (file) => fs.existsSync(file),
  };
}

/** Replaces every character of `text[start, end)` but newlines with spaces. */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/**
 * The text with fenced code blocks (``` or ~~~, closed by a fence of the same character at least
 * as long, or by the end of the file) and HTML comments blanked out.
 */
export function withoutFences(markdown: string): string {
  let text = markdown;
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  for (let open = fence.exec(text); open; open = fence.exec(text)) {
    const marker = open[1];
    const char = marker[0] === '`' ? '`' : '~';
    const close = new RegExp(`^ {0,3}${char}{${marker.length},}[ \\t]*$`, 'gm');
    close.lastIndex = open.index + open[0].length;
    const end = close.exec(text);
    const stop = end ? end.index + end[0].length : text.length;
    text = blank(text, open.index, stop);
    fence.lastIndex = stop;
  }
  return text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** `withoutFences`, and inline code spans blanked out too. */
export function withoutCode(markdown: string): string {
  const text = withoutFences(markdown);
  // A code span opens with a run of backticks and closes with a run of the same length, within
  // one paragraph (prettier may wrap a span across lines, never across a blank line).
  const spans: [number, number][] = [];
  const run = /`+/g;
  for (let open = run.exec(text); open; open = run.exec(text)) {
    const ticks = open[0];
    const closer = new RegExp(`(?<!\`)${ticks}(?!\`)`, 'g');
    closer.lastIndex = open.index + ticks.length;
    const close = closer.exec(text);
    const inside = close ? text.slice(open.index + ticks.length, close.index) : '';
    if (!close || /\n[ \t]*\n/.test(inside)) continue;
    spans.push([open.index, close.index + ticks.length]);
    run.lastIndex = close.index + ticks.length;
  }
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start) + text.slice(start, end).replace(/[^\n]/g, ' ');
    from = end;
  }
  return out + text.slice(from);
}

/** A link found in a Markdown file: its destination and the line it is on (1-based). */
export interface Link {
  target: string;
  line: number;
}

/** Every link destination outside code: inline links and images, and reference definitions. */
export function linksIn(markdown: string): Link[] {
  const text = withoutCode(markdown);
  const newlines = [...text.matchAll(/\n/g)].map((m) => m.index);
  const lineAt = (offset: number) => 1 + newlines.filter((n) => n < offset).length;
  const links: Link[] = [];
  for (let at = text.indexOf(']('); at >= 0; at = text.indexOf('](', at + 2)) {
    let i = at + 2;
    while (text[i] === ' ' || text[i] === '\n') i++;
    let target = '';
    if (text[i] === '<') {
      const end = text.indexOf('>', i);
      if (end < 0) continue;
      target = text.slice(i + 1, end);
    } else {
      // Parentheses may appear in a destination when balanced.
      let depth = 0;
      for (; i < text.length && !/\s/.test(text[i]); i++) {
        if (text[i] === '(') depth++;
        if (text[i] === ')' && depth-- === 0) break;
        target += text[i];
      }
    }
    if (target) links.push({ target, line: lineAt(at) });
  }
  const definition = /^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/gm;
  for (let m = definition.exec(text); m; m = definition.exec(text)) {
    links.push({ target: m[1].replace(/^<|>$/g, ''), line: lineAt(m.index) });
  }
  return links.sort((a, b) => a.line - b.line);
}

/**
 * GitHub's anchor for a heading's text: the text as rendered (inline markup gone), lower case,
 * every character that is not a letter, a digit, a mark, `_`, `-` or a space removed, and each
 * space made a hyphen.
 */
export function slug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/\*/g, '')
    .replace(/(^|[^\p{L}\p{N}])_+([^_]+?)_+(?=[^\p{L}\p{N}]|$)/gu, '$1$2');
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

/**
 * The anchors a Markdown file offers: one per ATX heading (a repeated one gets `-1`, `-2`, ...
 * as on GitHub), and any HTML `id` or `name` attribute.
 */
export function anchorsIn(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = withoutFences(markdown);
  for (const m of text.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm)) {
    const base = slug(m[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const m of text.matchAll(/<[a-z][^>]*\s(?:id|name)="([^"]+)"/gi)) anchors.add(m[1]);
  return anchors;
}

/**
 * Every relative link in `file` (a path relative to `root`) that does not resolve, each as
 * `file:line: target (why)`. An empty list means every link resolves.
 */
export function brokenLinks(root: string, file: string, source: DocSource): string[] {
  const text = source.read(path.join(root, file));
  if (text === undefined) return [`${file}: no such file`];
  const broken: string[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  for (const { target, line } of linksIn(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const hash = target.indexOf('#');
    const pathPart = hash >= 0 ? target.slice(0, hash) : target;
    const anchor = hash >= 0 ? target.slice(hash + 1) : null;
    const where = `${file}:${line}: ${target}`;
    let resolved: string;
    try {
      resolved = pathPart
        ? path.resolve(root, path.dirname(file), decodeURIComponent(pathPart.split('?')[0]))
        : path.join(root, file);
    } catch {
      broken.push(`${where} (not a valid URL path)`);
      continue;
    }
    const relative = path.relative(root, resolved);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      broken.push(`${where} (outside the repository)`);
      continue;
    }
    if (!source.exists(resolved)) {
      broken.push(`${where} (no such file)`);
      continue;
    }
    if (anchor === null) continue;
    const targetText = resolved.endsWith('.md') ? source.read(resolved) : undefined;
    if (targetText === undefined) {
      broken.push(`${where} (an anchor into something that is not a Markdown file)`);
      continue;
    }
    if (!anchorsOf.has(resolved)) anchorsOf.set(resolved, anchorsIn(targetText));
    if (!anchorsOf.get(resolved)!.has(decodeURIComponent(anchor))) {
      broken.push(`${where} (no heading in ${relative || file} makes #${anchor})`);
    }
  }
  return broken;
}
