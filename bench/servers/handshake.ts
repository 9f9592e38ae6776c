/**
 * How a server process tells the runner how its start went: one line on stdout, either
 * `BENCH_READY <port>` or `BENCH_UNAVAILABLE <reason>`.
 */
export type Handshake = { ready: true; port: number } | { ready: false; reason: string };

const READY = 'BENCH_READY ';
const UNAVAILABLE = 'BENCH_UNAVAILABLE ';

export function formatHandshake(handshake: Handshake): string {
  return handshake.ready
    ? `${READY}${handshake.port}`
    : `${UNAVAILABLE}${handshake.reason.replace(/\s+/g, ' ')}`;
}

/** The handshake in a line of the server's stdout, or undefined for any other line. */
export function parseHandshake(line: string): Handshake | undefined {
  if (line.startsWith(READY)) {
    return { ready: true, port: Number(line.slice(READY.length)) };
  }
  if (line.startsWith(UNAVAILABLE)) {
    return { ready: false, reason: line.slice(UNAVAILABLE.length) };
  }
  return undefined;
}
