import { Injectable, type Type } from '@nestjs/common';
import {
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
} from '@nestjs/websockets';
import {
  RequireSession,
  Session,
  SessionHandle,
  SessionId,
  SessionService,
} from '../../lib/index.js';
import { CartService } from '../fixtures/api.controller.js';
import '../fixtures/session-data.js';
import type { SocketKind } from './socket-clients.js';

/** Lets a test hold a handler midway, to change the session over HTTP meanwhile. */
@Injectable()
export class Gate {
  private opened: (() => void) | undefined;
  private reached: (() => void) | undefined;
  /** Resolves once a handler waits at the gate. */
  waiting = new Promise<void>((resolve) => (this.reached = resolve));

  pass(): Promise<void> {
    this.reached?.();
    return new Promise((resolve) => (this.opened = resolve));
  }

  open(): void {
    this.opened?.();
  }
}

/** The errors a handler caught, as the client sees them. */
function caught(error: unknown): { error: string; message: string } {
  const { name, message } = error as Error;
  return { error: name, message };
}

/** One gateway's code, for socket.io and ws alike: only the decorator's options differ. */
@Injectable()
class SessionGatewayCode {
  constructor(
    private readonly session: SessionService,
    private readonly cart: CartService,
    private readonly gate: Gate,
  ) {}

  @SubscribeMessage('whoami')
  whoami(@Session() session: SessionHandle, @SessionId() id: string) {
    return {
      userId: session.get('userId') ?? null,
      fromService: this.session.get('userId') ?? null,
      id,
      isNew: session.isNew,
      mode: session.mode,
      data: session.toJSON(),
    };
  }

  @SubscribeMessage('add')
  add(@MessageBody() item: string) {
    return this.cart.add(item);
  }

  @SubscribeMessage('note')
  note(@Session() session: SessionHandle, @MessageBody() note: string) {
    session.set('note', note);
    return session.toJSON();
  }

  @SubscribeMessage('try')
  async try(@Session() session: SessionHandle, @MessageBody() action: string) {
    try {
      switch (action) {
        case 'set':
          session.set('note', 'written');
          break;
        case 'unset':
          session.unset('userId');
          break;
        case 'clear':
          session.clear();
          break;
        case 'flashes':
          return { flashes: session.flashes('info') };
        case 'regenerate':
          await session.regenerate();
          break;
        case 'destroy':
          await session.destroy();
          break;
        case 'touch':
          session.touch();
          break;
        case 'setMaxAge':
          session.setMaxAge('30d');
          break;
        case 'mutate':
          session.get('cart')?.push('smuggled');
          break;
      }
      return { done: action, data: session.toJSON() };
    } catch (error) {
      return caught(error);
    }
  }

  @SubscribeMessage('patch')
  patch(@Session() session: SessionHandle, @MessageBody() values: Record<string, unknown>) {
    session.patch(values);
    return session.toJSON();
  }

  /** A write left uncaught: Nest's filter answers it. */
  @SubscribeMessage('write')
  write(@Session() session: SessionHandle) {
    session.set('note', 'uncaught');
    return session.toJSON();
  }

  @SubscribeMessage('logout')
  async logout(@Session() session: SessionHandle) {
    await session.destroy();
    return { loggedOut: true };
  }

  /** Writes, then waits at the gate before its session is saved. */
  @SubscribeMessage('slow-note')
  async slowNote(@Session() session: SessionHandle, @MessageBody() note: string) {
    session.set('note', note);
    await this.gate.pass();
    return session.toJSON();
  }

  @SubscribeMessage('guarded')
  @RequireSession()
  guarded(@Session('userId') userId: string) {
    return { userId };
  }

  @SubscribeMessage('admin')
  @RequireSession({ check: (session) => session.get('roles')?.includes('admin') ?? false })
  admin() {
    return { admin: true };
  }
}

/**
 * Refuses anonymous clients in `handleConnection()` (closing them) and greets the others; also
 * tries to write there, which the module refuses.
 */
@Injectable()
class MembersGatewayCode implements OnGatewayConnection {
  constructor(private readonly session: SessionService) {}

  handleConnection(client: { disconnect?(close: boolean): void; close?(code: number): void }) {
    const userId = this.session.get('userId');
    if (!userId) {
      return client.disconnect ? client.disconnect(true) : client.close?.(4401);
    }
    let write: unknown = 'allowed';
    try {
      this.session.set('note', 'from handleConnection');
    } catch (error) {
      write = caught(error);
    }
    push(client, 'welcome', { userId, write });
  }

  @SubscribeMessage('whoami')
  whoami() {
    return { userId: this.session.get('userId') ?? null };
  }
}

/** Sends an event the way each kind of server does. */
function push(client: object, event: string, data: unknown): void {
  const socket = client as { emit?: unknown; send(text: string): void; readyState?: number };
  if (typeof socket.readyState === 'number') {
    socket.send(JSON.stringify({ event, data }));
  } else {
    (client as { emit(event: string, data: unknown): void }).emit(event, data);
  }
}

/** The two gateways as `kind`'s server serves them: on a namespace (socket.io) or a path (ws). */
export function sessionGateways(kind: SocketKind): Type[] {
  @WebSocketGateway()
  class SessionGateway extends SessionGatewayCode {}

  @WebSocketGateway(kind === 'socket.io' ? { namespace: 'members' } : { path: '/members' })
  class MembersGateway extends MembersGatewayCode {}

  return [SessionGateway, MembersGateway];
}
