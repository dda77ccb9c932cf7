import { useEffect, useState } from 'react';

/** The current screen, from the address's hash: `#/child/SC100001?x=1` is `['child', 'SC100001']`. */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

function parse(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

/** Hash routing: every screen has an address that can be bookmarked and shared with colleagues. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The address of a screen, for links. */
export const href = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join('/')}`;

/** Goes to a screen. */
export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}
