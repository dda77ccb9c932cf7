import { StrictMode, useEffect, useRef, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { href, useRoute } from './router';
import { isMash, isSocialcareMash, readsAggregates, session, type User } from './session';
import { SignIn } from './pages/SignIn';
import { Queue } from './pages/Queue';
import { ChildPage } from './pages/Child';
import { ContactPage } from './pages/Contact';
import { NewContact } from './pages/NewContact';
import { Dashboard } from './pages/Dashboard';
import './styles.css';

const ROLE_NAMES: Record<string, string> = {
  MASH_PRACTITIONER: 'MASH practitioner',
  MASH_MANAGER: 'MASH manager',
  AGENCY_PRACTITIONER: 'Practitioner',
  ANALYST: 'Analyst',
  ADMIN: 'Administrator',
};

/** Where a user lands after signing in. */
function home(user: User): string {
  if (isMash(user)) return 'queue';
  if (readsAggregates(user)) return 'dashboard';
  return 'child';
}

function Screen({ user }: { user: User }) {
  const route = useRoute();
  const [screen = home(user), id] = route.parts;
  switch (screen) {
    case 'queue':
      return <Queue user={user} />;
    case 'child':
      return <ChildPage user={user} childId={id} />;
    case 'contact':
      return id === 'new' ? <NewContact user={user} /> : <ContactPage user={user} contactId={id} />;
    case 'dashboard':
      return <Dashboard user={user} />;
    default:
      return (
        <>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            <a href={href(home(user))}>Go to the start</a>
          </p>
        </>
      );
  }
}

function App() {
  const current = useSyncExternalStore(session.subscribe, session.current);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  // After each move to another screen, focus its heading so a screen reader starts there.
  const where = route.parts.join('/');
  useEffect(() => {
    const heading = main.current?.querySelector('h1');
    if (heading instanceof HTMLElement) heading.focus();
    document.title = `${heading?.textContent ?? 'MASH workbench'} – MASH workbench`;
  }, [where, current?.user.id]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to main content
      </a>
      <header className="header">
        <div className="header-inner">
          <a className="service-name" href={current ? href(home(current.user)) : '#/'}>
            MASH workbench
          </a>
          {current ? (
            <nav aria-label="Main">
              <ul className="nav">
                {isMash(current.user) ? (
                  <li>
                    <a
                      href={href('queue')}
                      aria-current={route.parts[0] === 'queue' ? 'page' : undefined}
                    >
                      Queue
                    </a>
                  </li>
                ) : null}
                {isSocialcareMash(current.user) ? (
                  <li>
                    <a
                      href={href('contact', 'new')}
                      aria-current={route.parts[1] === 'new' ? 'page' : undefined}
                    >
                      Record a contact
                    </a>
                  </li>
                ) : null}
                <li>
                  <a
                    href={href('child')}
                    aria-current={route.parts[0] === 'child' ? 'page' : undefined}
                  >
                    Find a child
                  </a>
                </li>
                {readsAggregates(current.user) ? (
                  <li>
                    <a
                      href={href('dashboard')}
                      aria-current={route.parts[0] === 'dashboard' ? 'page' : undefined}
                    >
                      Dashboard
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
          {current ? (
            <div className="signed-in">
              <span>
                {current.user.name}, {ROLE_NAMES[current.user.role] ?? current.user.role},{' '}
                {current.user.agency[0] + current.user.agency.slice(1).toLowerCase()}
                {current.user.team ? ` (${current.user.team})` : ''}
              </span>
              <button
                type="button"
                className="button-link"
                onClick={() => session.end('signed-out')}
              >
                Sign out
              </button>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {current ? <Screen user={current.user} /> : <SignIn />}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
