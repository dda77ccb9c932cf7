import { errorsAt, type ApiError } from '../../api';
import { href } from '../../router';
import { formatDay } from '../../time';
import { assessmentText, responseText, statusText } from '../early-help/episode';
import type { ChildRecord } from './child';
import { SectionMissing } from './SectionMissing';

/** The child's early help episodes, newest first, each a link to the episode; or why not. */
export function ChildEarlyHelp({
  episodes,
  errors,
}: {
  episodes: ChildRecord['earlyHelpEpisodes'];
  errors: ApiError[];
}) {
  return (
    <section aria-labelledby="h-early-help">
      <h2 id="h-early-help">Early help</h2>
      {episodes ? (
        episodes.length === 0 ? (
          <p>No early help episodes.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                Early help episodes after a step-down, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Episode</th>
                  <th scope="col">Stepped down</th>
                  <th scope="col">Offered to</th>
                  <th scope="col">Family response</th>
                  <th scope="col">Assessment</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {episodes.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <a href={href('early-help', e.id)}>{e.id}</a>
                    </td>
                    <td>{formatDay(e.steppedDownAt)}</td>
                    <td>{e.provider.name}</td>
                    <td>{responseText(e)}</td>
                    <td>{assessmentText(e)}</td>
                    <td>{statusText(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <SectionMissing
          agency="socialcare"
          errors={errorsAt(errors, ['child', 'earlyHelpEpisodes'])}
        />
      )}
    </section>
  );
}
