import { errorsAt, type ApiError } from '../../api';
import { href } from '../../router';
import { formatDate } from '../../time';
import { name, type ChildRecord } from './child';
import { SectionMissing } from './SectionMissing';

/** The child's household: the address, the adults and the siblings (each a link), or why not. */
export function Household({ child, errors }: { child: ChildRecord; errors: ApiError[] }) {
  return (
    <section aria-labelledby="h-household">
      <h2 id="h-household">Household</h2>
      {child.household ? (
        <>
          <p>
            {child.household.addressLine}, {child.household.postcode}
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">People in the household</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Relationship</th>
                  <th scope="col">Date of birth</th>
                </tr>
              </thead>
              <tbody>
                {child.household.adults.map((a) => (
                  <tr key={a.id}>
                    <td>{name(a)}</td>
                    <td>{a.relationship.replace(/_/g, ' ').toLowerCase()}</td>
                    <td>{formatDate(a.dateOfBirth)}</td>
                  </tr>
                ))}
                {child.household.children
                  .filter((c) => c.id !== child.id)
                  .map((c) => (
                    <tr key={c.id}>
                      <td>
                        <a href={href('child', c.id)}>{name(c)}</a>
                      </td>
                      <td>sibling</td>
                      <td>{formatDate(c.dateOfBirth)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <SectionMissing agency="socialcare" errors={errorsAt(errors, ['child', 'household'])} />
      )}
    </section>
  );
}
