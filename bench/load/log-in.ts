import { BENCH_USER, LOGIN_PATH } from '../servers/bench-routes.js';

/** Logins in flight at once while logging in many sessions. */
const LOG_IN_CONCURRENCY = 8;

/** Logs in on the server at `baseUrl`; returns the `Cookie` header of the logged-in session. */
export async function logIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}${LOGIN_PATH}`, { method: 'POST' });
  if (response.status !== 200) {
    throw new Error(`POST ${LOGIN_PATH} answered ${response.status}`);
  }
  const cookies = response.headers.getSetCookie().map((header) => header.split(';')[0]);
  if (cookies.length === 0) {
    throw new Error(`POST ${LOGIN_PATH} set no cookie`);
  }
  return cookies.join('; ');
}

/** Logs in `count` sessions on the server at `baseUrl`; returns their `Cookie` headers. */
export async function logInSessions(baseUrl: string, count: number): Promise<string[]> {
  const cookies = new Array<string>(count);
  let next = 0;
  const logInNext = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      cookies[index] = await logIn(baseUrl);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOG_IN_CONCURRENCY, count) }, logInNext));
  return cookies;
}

/**
 * Checks that `path` answers 200 with this cookie and, on a route that reads the session, that
 * it sees the logged-in user: a benchmark of a broken route would measure nothing.
 */
export async function checkRoute(
  baseUrl: string,
  path: string,
  cookie: string | undefined,
  readsUser: boolean,
): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  if (response.status !== 200) {
    throw new Error(`GET ${path} answered ${response.status}`);
  }
  const body = (await response.json()) as { userId?: unknown };
  if (readsUser && body.userId !== BENCH_USER) {
    throw new Error(`GET ${path} did not see the logged-in user`);
  }
}
