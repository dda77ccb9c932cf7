import { parse } from 'csv-parse';

/** One data record of a CSV file: its line in the file (the header is line 1) and its fields. */
export interface CsvRecord {
  line: number;
  /** Each field trimmed, in the file's column order. */
  fields: string[];
}

/** A CSV file as read: its header, its records, and the point where it stopped being CSV. */
export interface CsvFile {
  name: string;
  /** Column names as written, trimmed; empty for an empty file. */
  header: string[];
  records: CsvRecord[];
  /**
   * Set when the file is not well-formed CSV from some line on (a stray or unclosed quote): the
   * line of the record where it stops; the records before it are read.
   */
  error: { line: number; reason: string } | null;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** The byte offsets of every line feed, to turn a byte offset into a line number. */
function lineFeeds(content: Buffer): number[] {
  const feeds: number[] = [];
  for (let at = content.indexOf(NEWLINE); at !== -1; at = content.indexOf(NEWLINE, at + 1)) {
    feeds.push(at);
  }
  return feeds;
}

/** The 1-based line holding byte `offset`: one more than the line feeds before it. */
function lineAt(feeds: number[], offset: number): number {
  let low = 0;
  let high = feeds.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (feeds[mid] < offset) low = mid + 1;
    else high = mid;
  }
  return low + 1;
}

/**
 * Why the file stops being CSV, in words of our own: csv-parse's message quotes the field's
 * content (a child's name, perhaps) and counts lines its own way.
 */
function notCsv(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const why =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a double quote opened in this row is never closed'
      : // csv-parse 7 names this one without its CSV_ prefix.
        code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE'
        ? 'a double quote inside a field that does not start with one: double it ("") and quote the field'
        : code === 'CSV_INVALID_CLOSING_QUOTE' ||
            code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
          ? 'a quoted field goes on after its closing double quote'
          : `unreadable (${typeof code === 'string' ? code : 'parse error'})`;
  return `the file is not valid CSV from this row on: ${why}`;
}

/**
 * Reads CSV (RFC 4180: commas, double quotes, fields over several lines; a UTF-8 byte order mark
 * and CRLF line ends are fine) with the line each record starts on. Empty lines and records whose
 * every field is blank (trailing `,,,` rows spreadsheets write) are skipped. A record with a
 * different number of fields from the header is kept as it is, for the caller to refuse by line.
 * Line numbers come from byte offsets, not from csv-parse's own line count, which counts a CRLF
 * inside a quoted field twice.
 */
export async function readCsv(name: string, content: Buffer | string): Promise<CsvFile> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const feeds = lineFeeds(bytes);
  const file: CsvFile = { name, header: [], records: [], error: null };
  let end = 0;
  const startLine = () => {
    let start = end;
    while (bytes[start] === NEWLINE || bytes[start] === CARRIAGE_RETURN) start += 1;
    return lineAt(feeds, start);
  };
  let first = true;
  // Records are taken as csv-parse makes them (on_record), not from the stream: a parse error
  // destroys the stream, and with it every record it still buffered, however well-formed, so the
  // file would look empty and the error would seem to be on line 1.
  const take = ({ record, info }: { record: string[]; info: { bytes: number } }) => {
    const line = startLine();
    end = info.bytes;
    const fields = record.map((f) => f.trim());
    if (first) {
      file.header = fields;
      first = false;
    } else if (fields.some((f) => f !== '')) {
      file.records.push({ line, fields });
    }
    return null;
  };
  const parser = parse(bytes, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: take as unknown as (record: unknown) => null,
  });
  try {
    // Nothing comes out (on_record keeps every record); this waits for the end or the error.
    for await (const _ of parser) void _;
  } catch (error) {
    // The record after the last one read is where the file stops being CSV.
    file.error = { line: startLine(), reason: notCsv(error) };
  }
  return file;
}
