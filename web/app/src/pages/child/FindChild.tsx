import { useState } from 'react';
import { gql, type ApiError } from '../../api';
import { ErrorSummary } from '../../components/Errors';
import { href, navigate } from '../../router';
import { formatDate } from '../../time';
import { name, type ChildRecord } from './child';

/** Finding a child by id, or by name, date of birth and postcode. */

export function FindChild() {
  const [nameQuery, setName] = useState('');
  const [dob, setDob] = useState('');
  const [postcode, setPostcode] = useState('');
  const [childId, setChildId] = useState('');
  const [results, setResults] = useState<ChildRecord[] | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  async function search(e: React.FormEvent) {
    e.preventDefault();
    if (childId.trim()) return navigate('child', childId.trim());
    const { data, errors: errs } = await gql<{ searchChildren: ChildRecord[] }>(
      `query Find($name: String, $dob: Date, $postcode: String) { searchChildren(name: $name, dateOfBirth: $dob, postcode: $postcode, first: 20) { id givenName familyName dateOfBirth postcode } }`,
      { name: nameQuery || null, dob: dob || null, postcode: postcode || null },
    );
    setErrors(errs);
    setResults(data?.searchChildren ?? null);
  }
  return (
    <>
      <h1 tabIndex={-1}>Find a child</h1>
      <ErrorSummary errors={errors} />
      <form onSubmit={search} className="search">
        <div className="field">
          <label htmlFor="find-id">Child id</label>
          <input
            id="find-id"
            value={childId}
            onChange={(e) => setChildId(e.target.value)}
            placeholder="e.g. SC100001"
          />
        </div>
        <p>or search by</p>
        <div className="field">
          <label htmlFor="find-name">Name</label>
          <input id="find-name" value={nameQuery} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="find-dob">Date of birth</label>
          <input id="find-dob" type="date" value={dob} onChange={(e) => setDob(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="find-postcode">Postcode</label>
          <input
            id="find-postcode"
            value={postcode}
            onChange={(e) => setPostcode(e.target.value)}
          />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {results ? (
        results.length === 0 ? (
          <p role="status">No children match.</p>
        ) : (
          <ul role="status">
            {results.map((c) => (
              <li key={c.id}>
                <a href={href('child', c.id)}>{name(c)}</a>, born {formatDate(c.dateOfBirth)},{' '}
                {c.postcode} ({c.id})
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}
