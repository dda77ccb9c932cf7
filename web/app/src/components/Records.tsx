// Renders an agency's detail lists as plain tables, whatever their fields: each list's columns
// are its items' fields (nested objects by their name), with values in words.
import { formatDate, formatInstant } from '../time';

const LABELS: Record<string, string> = {
  dashRisk: 'DASH risk',
  pncId: 'PNC id',
  nhsNumber: 'NHS number',
  upn: 'UPN',
  gpPractice: 'GP practice',
  camhsReferrals: 'CAMHS referrals',
  senProvision: 'SEN provision',
  maracReferrals: 'MARAC referrals',
};

/** A field name in words: `occurredAt` is "Occurred at". */
export function label(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words[0].toUpperCase() + words.slice(1);
}

/** A value in words: instants in London time, dates as dates, enums in lower case, yes and no. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(show).join('; ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return show(
      o.name ??
        o.code ??
        o.id ??
        Object.values(o)
          .filter((v) => typeof v !== 'object')
          .join(' '),
    );
  }
  const s = String(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return formatInstant(s);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatDate(s);
  if (/^[A-Z][A-Z0-9_]+$/.test(s) && s.includes('_')) return s.replace(/_/g, ' ').toLowerCase();
  return s;
}

/** One list of records as a table; "None" when empty. */
export function RecordTable({ title, rows }: { title: string; rows: Record<string, unknown>[] }) {
  if (rows.length === 0) {
    return (
      <section className="records">
        <h4>{title}</h4>
        <p className="muted">None.</p>
      </section>
    );
  }
  const columns = Object.keys(rows[0]).filter((k) => k !== '__typename' && k !== 'id');
  return (
    <section className="records">
      <h4>{title}</h4>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {label(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{show(row[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** An object's scalar fields as a description list. */
export function RecordFields({ record }: { record: Record<string, unknown> }) {
  return (
    <dl className="fields">
      {Object.entries(record)
        .filter(([k]) => k !== '__typename')
        .map(([k, v]) => (
          <div key={k}>
            <dt>{label(k)}</dt>
            <dd>{show(v)}</dd>
          </div>
        ))}
    </dl>
  );
}
