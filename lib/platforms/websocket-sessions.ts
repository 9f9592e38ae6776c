import { Injectable, type WebSocketAdapter, type WsMessageHandler } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  isNoSessionReason,
  runWithSocketSession,
  type NoSessionReason,
} from '../core/request-context.js';
import { SessionDriver } from '../core/session-driver.js';
import type { SocketSession, SocketSessionSource } from '../core/socket-session.interface.js';

/** What the module keeps of one connection, by its handshake request. */
interface SocketConnection {
  /** What the handshake's cookie says of the session, read once. */
  readonly source: SocketSessionSource | NoSessionReason;
  /** The session `handleConnection` sees, loaded during the handshake. */
  atConnection?: SocketSession | NoSessionReason;
}

/** socket.io's server or namespace: middleware that runs before a client is connected. */
interface SocketIoServer {
  use(middleware: (socket: { request: IncomingMessage }, next: () => void) => void): unknown;
}

/** ws's server: the upgrade that ends with a connection. */
interface WsServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, done: unknown): void;
}

const IN_HANDLE_CONNECTION = {
  where: 'handleConnection()',
  why:
    'Nest does not wait for handleConnection(), so nothing would save what it writes. Read the ' +
    'session there (to refuse an anonymous client, say), and write it in a message handler or ' +
    'over HTTP',
};

const UNKNOWN_CLIENT: NoSessionReason = {
  reason:
    "the module finds a WebSocket client's session through its handshake request (socket.io's " +
    "`socket.request`, ws's upgrade request), and this client's adapter gave none",
};

const UNKNOWN_SERVER: NoSessionReason = {
  reason:
    'the session is loaded for handleConnection() during the handshake, on socket.io and ws ' +
    'servers, and this connection came through a server of another kind',
};

/**
 * Gives WebSocket gateways their sessions, with no setup: the application's WebSocket adapter,
 * whichever it is (Nest's socket.io default, `WsAdapter`, or one passed to
 * `app.useWebSocketAdapter()`), is instrumented as it is installed, so that
 * - every message handler runs with the session the connection's handshake cookie carries,
 *   loaded for that message (store mode: one store read) and saved once the handler is done;
 * - `handleConnection()` runs with that session too, read-only, loaded during the handshake
 *   (socket.io middleware, ws's upgrade), so that a gateway can refuse an anonymous client.
 *
 * Nest runs no middleware for WebSocket messages, and installs the adapter while the application
 * initializes, before any lifecycle hook: hence at construction, through `ApplicationConfig`.
 */
@Injectable()
export class WebSocketSessions {
  private readonly connections = new WeakMap<IncomingMessage, SocketConnection>();
  private readonly handshakes = new WeakMap<object, IncomingMessage>();
  private readonly instrumented = new WeakSet<object>();

  constructor(
    config: ApplicationConfig,
    private readonly driver: SessionDriver,
  ) {
    const install = config.setIoAdapter.bind(config);
    config.setIoAdapter = (adapter: WebSocketAdapter) => install(this.instrument(adapter));
    const installed = config.getIoAdapter() as WebSocketAdapter | null;
    if (installed) {
      this.instrument(installed);
    }
  }

  private instrument(adapter: WebSocketAdapter): WebSocketAdapter {
    if (!adapter || this.instrumented.has(adapter)) {
      return adapter;
    }
    this.instrumented.add(adapter);
    const { create, bindClientConnect, bindMessageHandlers } = adapter;
    adapter.create = (...args: Parameters<WebSocketAdapter['create']>) => {
      const server: unknown = create.apply(adapter, args);
      this.loadAtHandshakes(server);
      return server;
    };
    adapter.bindClientConnect = (server: unknown, callback: (...args: unknown[]) => unknown) =>
      bindClientConnect.call(adapter, server, (...args: unknown[]) =>
        this.connect(args, () => callback(...args)),
      );
    adapter.bindMessageHandlers = (
      client: object,
      handlers: WsMessageHandler[],
      transform: Parameters<WebSocketAdapter['bindMessageHandlers']>[2],
    ) =>
      bindMessageHandlers.call(
        adapter,
        client,
        handlers.map((handler) => ({
          ...handler,
          callback: (...args: unknown[]) => this.handle(client, () => handler.callback(...args)),
        })),
        transform,
      );
    return adapter;
  }

  /** Loads each connection's session for `handleConnection()` before the client is connected. */
  private loadAtHandshakes(server: unknown): void {
    if (!server || typeof server !== 'object' || this.instrumented.has(server)) {
      return;
    }
    this.instrumented.add(server);
    if (typeof (server as Partial<SocketIoServer>).use === 'function') {
      (server as SocketIoServer).use((socket, next) => {
        void this.loadAtConnection(socket.request).then(next);
      });
    } else if (typeof (server as Partial<WsServer>).handleUpgrade === 'function') {
      const ws = server as WsServer;
      const upgrade = ws.handleUpgrade;
      ws.handleUpgrade = (req, socket, head, done) => {
        // Nothing listens for the socket's errors between Node's upgrade and ws's own handler.
        const ignore = () => undefined;
        socket.on('error', ignore);
        void this.loadAtConnection(req).then(() => {
          socket.off('error', ignore);
          upgrade.call(ws, req, socket, head, done);
        });
      };
    }
  }

  private async loadAtConnection(handshake: IncomingMessage): Promise<void> {
    const connection = this.connectionOf(handshake);
    connection.atConnection = isNoSessionReason(connection.source)
      ? connection.source
      : await connection.source.load(IN_HANDLE_CONNECTION);
  }

  /** Runs Nest's connection handler (`handleConnection()`, then binding the messages). */
  private connect([client, upgrade]: unknown[], connected: () => unknown): unknown {
    const handshake =
      upgrade instanceof IncomingMessage
        ? upgrade
        : (client as { request?: unknown } | undefined)?.request;
    if (!(handshake instanceof IncomingMessage)) {
      return runWithSocketSession(UNKNOWN_CLIENT, connected);
    }
    this.handshakes.set(client as object, handshake);
    const { atConnection } = this.connectionOf(handshake);
    return runWithSocketSession(
      atConnection === undefined
        ? UNKNOWN_SERVER
        : isNoSessionReason(atConnection)
          ? atConnection
          : atConnection.state,
      connected,
    );
  }

  /** Runs one message's handler with its session, then saves what the handler changed. */
  private async handle(client: object, handler: () => unknown): Promise<unknown> {
    const handshake = this.handshakes.get(client);
    const source = handshake ? this.connectionOf(handshake).source : UNKNOWN_CLIENT;
    const session = isNoSessionReason(source) ? source : await source.load();
    if (isNoSessionReason(session)) {
      return runWithSocketSession(session, handler);
    }
    try {
      return await runWithSocketSession(session.state, handler);
    } finally {
      await session.settle();
    }
  }

  private connectionOf(handshake: IncomingMessage): SocketConnection {
    let connection = this.connections.get(handshake);
    if (!connection) {
      connection = { source: this.driver.openSocket(handshake) };
      this.connections.set(handshake, connection);
    }
    return connection;
  }
}
