// The window's place lives in the URL hash (#/procedure/CODE, #/visit,
// #/dossier/ID/PLACE …), so the back gesture and a reload keep the
// volunteer's place. This module is the one reader and writer of it.

/** Where the window is. */
export type Route = {
  /** The first part of the hash: '', 'visit', 'citizens', 'dossiers', 'dossier', 'procedure' … */
  page: string;
  /** The procedure shown (#/procedure/CODE). */
  procedure: string | null;
  /** The dossier open in the wizard and its place (a page id, tasks, documents, check). */
  dossier: { id: string; place: string | null } | null;
  /** The citizen shown (#/citizen/CCCD). */
  citizen: string | null;
};

/** Reads a hash such as `#/dossier/ID/check`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const parts = path.split('/');
  const page = parts[0] ?? '';
  const decode = (s: string | undefined) => {
    if (!s) return null;
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  };
  const procedure = page === 'procedure' ? decode(parts.slice(1).join('/')) : null;
  const dossierId = page === 'dossier' && parts.length <= 3 ? decode(parts[1]) : null;
  const citizen = page === 'citizen' && parts.length === 2 ? decode(parts[1]) : null;
  return {
    page,
    procedure,
    dossier: dossierId ? { id: dossierId, place: parts[2] || null } : null,
    citizen: citizen || null,
  };
}

/** Links to places. */
export const href = {
  home: '#/',
  page: (page: string) => `#/${page}`,
  procedure: (code: string) => `#/procedure/${encodeURIComponent(code)}`,
  dossier: (id: string, place?: string | null) =>
    `#/dossier/${encodeURIComponent(id)}${place ? `/${place}` : ''}`,
  citizen: (cccd: string) => `#/citizen/${encodeURIComponent(cccd)}`,
};

/** Goes to a place (`''` is the home screen). */
export function go(target: string) {
  window.location.hash = target;
}

/** The current route, kept in step with the hash (call during a component's set-up). */
export function routeState(): { readonly current: Route } {
  let route = $state(parseRoute(window.location.hash));
  $effect(() => {
    const sync = () => {
      route = parseRoute(window.location.hash);
    };
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  });
  return {
    get current() {
      return route;
    },
  };
}
