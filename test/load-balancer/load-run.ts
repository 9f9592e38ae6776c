import { UPSTREAM_HEADER } from './nginx.js';

/** What a load run did and found. */
export interface LoadRunFigures {
  clients: number;
  /** Every HTTP request sent through the load balancer: increments, checks, final reads. */
  requests: number;
  /** How many answers each process (`host:port`, nginx's `$upstream_addr`) gave. */
  byProcess: Record<string, number>;
  /** Answers that showed another client's session. */
  crossTalk: number;
  /** Increments a client was told of (or found applied) and then did not find. */
  lostIncrements: number;
  /** Clients whose session was gone at the end. */
  lostSessions: number;
  /** Increments answered with something other than 200 (the killed process's), each then read. */
  failed: number;
  /** Of those, how many had been applied all the same (their answer was lost with the process). */
  appliedAnyway: number;
  milliseconds: number;
}

/** One client's view of an answer of the counter route. */
interface Counter {
  client: string | null;
  count: number;
}

/** One HTTP client with its own cookies, like a browser. */
class Client {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly figures: LoadRunFigures,
  ) {}

  /**
   * Sends a request; `undefined` when it got no whole answer (the process died with it: no
   * answer, or one cut short) or another status than 200.
   */
  async send(method: 'GET' | 'POST', body?: object): Promise<Counter | undefined> {
    this.figures.requests++;
    try {
      const response = await fetch(`${this.baseUrl}/load/counter`, {
        method,
        headers: {
          cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body && JSON.stringify(body),
      });
      const upstream = response.headers.get(UPSTREAM_HEADER) ?? 'none';
      this.figures.byProcess[upstream] = (this.figures.byProcess[upstream] ?? 0) + 1;
      const text = await response.text();
      if (response.status !== 200) {
        return undefined;
      }
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const equals = pair!.indexOf('=');
        this.cookies.set(pair!.slice(0, equals), pair!.slice(equals + 1));
      }
      return JSON.parse(text) as Counter;
    } catch {
      return undefined;
    }
  }
}

/**
 * `clients` clients at once, each sending `requests` increments of its own counter, one after
 * the other, through the load balancer at `baseUrl`; `halfway` runs once half of all the
 * increments are answered (to kill a process in the middle of the run). Each client checks
 * every answer: that it shows its own session, and that its count went up by exactly one. An
 * increment that gets no 200 (its process died with it) is followed by a read, which says
 * whether it was applied; a read that fails ends the run with an error. At the end each client
 * reads its counter once more.
 */
export async function loadRun(
  baseUrl: string,
  { clients, requests, halfway }: { clients: number; requests: number; halfway?: () => unknown },
): Promise<LoadRunFigures> {
  const figures: LoadRunFigures = {
    clients,
    requests: 0,
    byProcess: {},
    crossTalk: 0,
    lostIncrements: 0,
    lostSessions: 0,
    failed: 0,
    appliedAnyway: 0,
    milliseconds: 0,
  };
  const started = Date.now();
  let answered = 0;
  let halfwayDone: unknown;

  const runClient = async (index: number) => {
    const name = `client-${index}`;
    const client = new Client(baseUrl, figures);
    let count = 0;
    /** Checks an answer against what this client knows; `applied`: an increment it sent. */
    const check = (answer: Counter, applied: boolean) => {
      if (answer.client !== name) {
        figures.crossTalk++;
      }
      const lowest = applied ? count + 1 : count;
      figures.lostIncrements += Math.max(0, lowest - answer.count);
      count = answer.count;
    };
    for (let i = 0; i < requests; i++) {
      const answer = await client.send('POST', { client: name });
      if (++answered === Math.floor((clients * requests) / 2)) {
        halfwayDone = halfway?.();
      }
      if (answer) {
        check(answer, true);
        continue;
      }
      figures.failed++;
      const read = await client.send('GET');
      if (!read) {
        throw new Error(`${name} could not read its counter after a failed increment`);
      }
      figures.appliedAnyway += read.count === count + 1 ? 1 : 0;
      check(read, false);
    }
    const last = await client.send('GET');
    if (last?.client !== name) {
      figures.lostSessions++;
    } else {
      check(last, false);
    }
  };

  await Promise.all(Array.from({ length: clients }, (_, index) => runClient(index)));
  await halfwayDone;
  figures.milliseconds = Date.now() - started;
  return figures;
}
