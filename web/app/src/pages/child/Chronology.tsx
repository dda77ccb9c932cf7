import { agencyName, describeError, errorsAt, type ApiError } from '../../api';
import { formatInstant } from '../../time';
import type { ChildRecord } from './child';

/** One chronology across every agency, oldest first, and what of it is withheld. */
export function Chronology({
  chronology,
  errors,
}: {
  chronology: ChildRecord['chronology'];
  errors: ApiError[];
}) {
  return (
    <section aria-labelledby="h-chronology">
      <h2 id="h-chronology">Chronology, all agencies</h2>
      {errorsAt(errors, ['child', 'chronology']).length > 0 ? (
        <p className="status status-withheld">
          {errorsAt(errors, ['child', 'chronology'])
            .map((e) => describeError(e))
            .join(' ')}
        </p>
      ) : null}
      {chronology ? (
        <div className="table-wrap">
          <table className="chronology">
            <caption className="visually-hidden">Events from every agency, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Agency</th>
                <th scope="col">What</th>
                <th scope="col">Severity</th>
              </tr>
            </thead>
            <tbody>
              {chronology.map((ev, i) => (
                <tr key={i} className={`severity-${ev.severity.toLowerCase()}`}>
                  <td>{formatInstant(ev.at)}</td>
                  <td>{agencyName(ev.agency)}</td>
                  <td>
                    <span className="muted">{ev.kind.replace(/_/g, ' ').toLowerCase()}:</span>{' '}
                    {ev.summary}
                  </td>
                  <td>{ev.severity.toLowerCase()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
