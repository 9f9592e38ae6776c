import type { IncomingMessage } from 'node:http';

/** What the `track` option keeps with each session of a user, resolved. */
export interface TrackSettings {
  userAgent: boolean;
  ip: boolean;
}

/** Longest `User-Agent` kept; real ones are far shorter. */
const MAX_USER_AGENT_LENGTH = 512;

/**
 * The client details `track` asks to keep, read from the request that logs in: its
 * `User-Agent`, and its address (behind a trusted `proxy`, the last `X-Forwarded-For` entry,
 * the one the proxy appended; otherwise the socket's).
 */
export function trackedClient(
  req: IncomingMessage | undefined,
  track: TrackSettings,
  proxy: boolean,
): { userAgent?: string; ip?: string } {
  if (!req) {
    return {};
  }
  const client: { userAgent?: string; ip?: string } = {};
  const userAgent = req.headers['user-agent'];
  if (track.userAgent && userAgent) {
    client.userAgent = userAgent.slice(0, MAX_USER_AGENT_LENGTH);
  }
  const ip = track.ip ? clientAddress(req, proxy) : undefined;
  if (ip) {
    client.ip = ip;
  }
  return client;
}

function clientAddress(req: IncomingMessage, proxy: boolean): string | undefined {
  const forwarded = proxy ? req.headers['x-forwarded-for'] : undefined;
  const list = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  const last = list?.split(',').at(-1)?.trim();
  return (last || req.socket?.remoteAddress)?.slice(0, 64);
}
