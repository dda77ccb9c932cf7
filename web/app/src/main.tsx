import { StrictMode, useEffect, useRef, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { href, useRoute } from './router';
import {
  isMash,
  isSocialcareMash,
  looksUpChildren,
  readsAggregates,
  readsEarlyHelp,
  session,
  worksEarlyHelp,
  type User,
} from './session';
import { SignIn } from './pages/SignIn';
import { Queue } from './pages/Queue';
import { ChildPage } from './pages/child/ChildPage';
import { ContactPage } from './pages/Contact';
import { NewContact } from './pages/NewContact';
import { Dashboard } from './pages/Dashboard';
import { EarlyHelpEpisodePage } from './pages/early-help/EarlyHelpEpisodePage';
import { EarlyHelpList } from './pages/early-help/EarlyHelpList';
import './styles.css';

const ROLE_NAMES: Record<string, string> = {
  MASH_PRACTITIONER: 'MASH practitioner',
  MASH_MANAGER: 'MASH manager',
  AGENCY_PRACTITIONER: 'Practitioner',
  ANALYST: 'Analyst',
  ADMIN: 'Administrator',
  EARLY_HELP_PRACTITIONER: 'Early help practitioner',
};

/** Where a user lands after signing in. */
function home(user: User): string {
  if (isMash(user)) return 'queue';
  if (readsEarlyHelp(user)) return 'early-help';
  if (readsAggregates(user)) return 'dashboard';
  if (looksUpChildren(user)) return 'child';
  return 'about';
}

/** For a user the workbench has no screen for: what it is for, and where their work is done. */
function NothingHere({ user }: { user: User }) {
  return (
    <>
      <h1 tabIndex={-1}>Nothing to do here</h1>
      <p>
        The workbench is for the MASH (every agency's MASH practitioners and managers), social
        care's own practitioners, early help practitioners, and analysts. As{' '}
        {ROLE_NAMES[user.role] ?? user.role} of {user.agency.toLowerCase()}, you work in your own
        agency's systems; ask your MASH about a child.
      </p>
    </>
  );
}

/** Said instead of a screen the user's role cannot use. */
function NotForYou({ what }: { what: string }) {
  return (
    <>
      <h1 tabIndex={-1}>{what}</h1>
      <p>Your role does not allow this.</p>
    </>
  );
}

function Screen({ user }: { user: User }) {
  const route = useRoute();
  const [screen = home(user), id] = route.parts;
  switch (screen) {
    case 'queue':
      return isMash(user) ? <Queue user={user} /> : <NotForYou what="MASH queue" />;
    case 'child':
      return looksUpChildren(user) ? (
        <ChildPage key={id ?? 'find'} user={user} childId={id} />
      ) : (
        <NotForYou what="Find a child" />
      );
    case 'contact':
      if (id === 'new') {
        return isSocialcareMash(user) ? (
          <NewContact user={user} />
        ) : (
          <NotForYou what="Record a contact" />
        );
      }
      return <ContactPage key={id} user={user} contactId={id} />;
    case 'early-help':
      if (!readsEarlyHelp(user)) return <NotForYou what="Early help" />;
      return id ? (
        <EarlyHelpEpisodePage key={id} user={user} episodeId={id} />
      ) : (
        <EarlyHelpList user={user} />
      );
    case 'dashboard':
      return <Dashboard user={user} />;
    case 'about':
      return <NothingHere user={user} />;
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
  }, [where, current?.user.id]);
  // The page title follows the screen's heading as it loads ("Loading child…", then the name).
  useEffect(() => {
    const box = main.current;
    if (!box) return undefined;
    const retitle = () => {
      const text = box.querySelector('h1')?.textContent?.trim();
      const title = `${text || 'MASH workbench'} – MASH workbench`;
      if (document.title !== title) document.title = title;
    };
    retitle();
    const observer = new MutationObserver(retitle);
    observer.observe(box, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);

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
                {worksEarlyHelp(current.user) ? (
                  <li>
                    <a
                      href={href('early-help')}
                      aria-current={route.parts[0] === 'early-help' ? 'page' : undefined}
                    >
                      Early help
                    </a>
                  </li>
                ) : null}
                {looksUpChildren(current.user) ? (
                  <li>
                    <a
                      href={href('child')}
                      aria-current={route.parts[0] === 'child' ? 'page' : undefined}
                    >
                      Find a child
                    </a>
                  </li>
                ) : null}
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
