import { useEffect, useState } from 'react';
import { session, type User } from '../session';

const ENDED: Record<string, string> = {
  expired: 'Your session expired. Sign in again.',
  refused: 'Your sign-in was not accepted. Sign in again.',
  'signed-out': 'You have signed out.',
};

/**
 * Sign-in for the embedded default: pick one of the demo users and the workbench holds the token
 * the local development issuer signs for them. With a real identity provider this page would
 * hand over to it instead.
 */
export function SignIn() {
  const [users, setUsers] = useState<User[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/api/users')
      .then(async (r) => {
        if (!r.ok) throw new Error(String(r.status));
        setUsers(((await r.json()) as { users: User[] }).users);
      })
      .catch(() => setProblem('Demo sign-in is not available on this server.'));
  }, []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!chosen) {
      setProblem('Choose who to sign in as.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch('/api/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: chosen }),
      });
      const body = (await res.json()) as {
        token?: string;
        user?: User;
        errors?: { message: string }[];
      };
      if (!res.ok || !body.token || !body.user)
        throw new Error(body.errors?.[0]?.message ?? String(res.status));
      session.start({ token: body.token, user: body.user });
    } catch (error) {
      setProblem(`Could not sign in: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  const ended = session.lastEnd();
  return (
    <>
      <h1 tabIndex={-1}>Sign in</h1>
      {ended ? (
        <p className="notice" role="status">
          {ENDED[ended]}
        </p>
      ) : null}
      <p>
        This is the embedded demonstration: every person and record in it is made up. Choose a demo
        user; you will see only what the rules let that user see.
      </p>
      {problem ? (
        <div className="error-summary" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      {users ? (
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>Sign in as</legend>
            <div className="radios">
              {users.map((u) => (
                <div className="radio" key={u.id}>
                  <input
                    type="radio"
                    id={`user-${u.id}`}
                    name="user"
                    value={u.id}
                    checked={chosen === u.id}
                    onChange={() => setChosen(u.id)}
                  />
                  <label htmlFor={`user-${u.id}`}>
                    <strong>{u.name}</strong> ({u.id}): {u.role.replace(/_/g, ' ').toLowerCase()},{' '}
                    {u.agency.toLowerCase()}
                    {u.team ? `, ${u.team}` : ''}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button" disabled={busy}>
            Sign in
          </button>
        </form>
      ) : null}
    </>
  );
}
