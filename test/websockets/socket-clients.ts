import type { INestApplication } from '@nestjs/common';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

/** The WebSocket servers the suites run gateways on. */
export const SOCKET_KINDS = ['socket.io', 'ws'] as const;
export type SocketKind = (typeof SOCKET_KINDS)[number];

/** What a gateway answered one message with, or the exception Nest's filter sent instead. */
export type Reply = { data: unknown } | { exception: { status: string; message: string } };

/** A connected client, the same for socket.io and ws. */
export interface SocketClient {
  /** Sends `event` with `data` and waits for the handler's answer (or its exception). */
  request(event: string, data?: unknown): Promise<Reply>;
  /** The next `event` the server pushes (or undefined if the connection closes first). */
  next(event: string): Promise<unknown>;
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>;
  close(): void;
}

/** Where the app's gateways listen: its own HTTP server, on `path` (ws) or namespace (socket.io). */
function origin(app: INestApplication): string {
  const { port } = app.getHttpServer().address() as { port: number };
  return `127.0.0.1:${port}`;
}

/**
 * Connects to `app`'s gateway with `cookie` in the handshake, as a browser sends it: socket.io's
 * client on `namespace`, or a plain `ws` client on `path`.
 */
export async function connect(
  kind: SocketKind,
  app: INestApplication,
  { cookie, channel = '' }: { cookie?: string; channel?: string } = {},
): Promise<SocketClient> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  return kind === 'socket.io'
    ? connectSocketIo(
        io(`http://${origin(app)}/${channel}`, {
          transports: ['websocket'],
          extraHeaders: headers,
          reconnection: false,
          forceNew: true,
        }),
      )
    : connectWs(new WebSocket(`ws://${origin(app)}/${channel}`, { headers }));
}

async function connectSocketIo(socket: Socket): Promise<SocketClient> {
  const closed = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
  const replies = new Replies();
  const pushed = new Pushed();
  socket.onAny((event: string, data: unknown) =>
    event === 'exception' ? replies.settle({ exception: data as never }) : pushed.push(event, data),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return {
    request: (event, data) =>
      new Promise<Reply>((resolve) => {
        const settle = replies.expect(resolve);
        socket.emit(event, data, (answer: unknown) => settle({ data: answer }));
      }),
    next: (event) => Promise.race([pushed.next(event), closed.then(() => undefined)]),
    closed,
    close: () => socket.disconnect(),
  };
}

async function connectWs(socket: WebSocket): Promise<SocketClient> {
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const replies = new Replies();
  const pushed = new Pushed();
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { event?: string; data?: unknown } | null;
    if (message?.event === 'exception') {
      replies.settle({ exception: message.data as never });
    } else if (message?.event !== undefined) {
      pushed.push(message.event, message.data);
    } else {
      replies.settle({ data: message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    request: (event, data) =>
      new Promise<Reply>((resolve) => {
        replies.expect(resolve);
        socket.send(JSON.stringify({ event, data }));
      }),
    next: (event) => Promise.race([pushed.next(event), closed.then(() => undefined)]),
    closed,
    close: () => socket.close(),
  };
}

/** Requests awaiting their answer, oldest first: an exception answers the oldest. */
class Replies {
  private readonly pending: ((reply: Reply) => void)[] = [];

  /** Queues a request; the function returned answers that one. */
  expect(resolve: (reply: Reply) => void): (reply: Reply) => void {
    this.pending.push(resolve);
    return (reply) => {
      const index = this.pending.indexOf(resolve);
      if (index !== -1) {
        this.pending.splice(index, 1);
        resolve(reply);
      }
    };
  }

  /** Answers the oldest request. */
  settle(reply: Reply): void {
    this.pending.shift()?.(reply);
  }
}

/** Events the server pushed, kept until a test asks for them. */
class Pushed {
  private readonly waiting = new Map<string, ((data: unknown) => void)[]>();
  private readonly early = new Map<string, unknown[]>();

  push(event: string, data: unknown): void {
    const waiter = this.waiting.get(event)?.shift();
    if (waiter) {
      waiter(data);
    } else {
      this.early.set(event, [...(this.early.get(event) ?? []), data]);
    }
  }

  next(event: string): Promise<unknown> {
    const queued = this.early.get(event);
    if (queued?.length) {
      return Promise.resolve(queued.shift());
    }
    return new Promise((resolve) =>
      this.waiting.set(event, [...(this.waiting.get(event) ?? []), resolve]),
    );
  }
}
