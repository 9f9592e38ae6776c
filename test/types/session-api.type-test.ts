/**
 * Compiled by `npm run typecheck` (part of `npm test`): every `@ts-expect-error` below must be
 * an error, or the build fails. The augmentation lives in test/fixtures/session-data.ts.
 */
import { expectTypeOf } from 'expect-type';
import {
  RequireSession,
  Session,
  SessionHandle,
  SessionService,
  type SessionData,
} from '../../lib/index.js';
import '../fixtures/session-data.js';

declare const session: SessionHandle;
declare const service: SessionService;

expectTypeOf(session.get('userId')).toEqualTypeOf<string | undefined>();
expectTypeOf(session.get('cart')).toEqualTypeOf<string[] | undefined>();
expectTypeOf(service.get('roles')).toEqualTypeOf<string[] | undefined>();
expectTypeOf(session.toJSON()).toEqualTypeOf<Partial<SessionData>>();
expectTypeOf(session.mode).toEqualTypeOf<'cookie' | 'store'>();
expectTypeOf(session.regenerate).parameter(0).toEqualTypeOf<{ keepData?: boolean } | undefined>();

session.set('userId', 'u1');
session.patch({ cart: ['apple'], counter: 1 });

// @ts-expect-error: not a key of SessionData
session.get('userID');
// @ts-expect-error: not a key of SessionData
session.set('nope', 1);
// @ts-expect-error: userId is a string
session.set('userId', 42);
// @ts-expect-error: cart is a list of strings
service.set('cart', [1, 2]);
// @ts-expect-error: a wrong value type in a patch
session.patch({ counter: 'one' });
// @ts-expect-error: not a key of SessionData
service.has('missing');

/** @Session('key') accepts only keys of SessionData. */
export class TypedController {
  read(@Session('cart') cart: SessionData['cart'], @Session() handle: SessionHandle) {
    return { cart, handle };
  }

  // @ts-expect-error: not a key of SessionData
  wrong(@Session('carts') carts: unknown) {
    return carts;
  }
}

RequireSession('userId', 'cart');
RequireSession({ keys: ['roles'], check: (s) => s.get('roles')?.includes('admin') ?? false });
// @ts-expect-error: not a key of SessionData
RequireSession('user');
// @ts-expect-error: check receives a typed handle; `roles` is not a number
RequireSession({ check: (s) => s.get('roles') === 1 });

/** A handle can be typed by another interface than the global SessionData. */
interface AdminSession {
  adminId?: number;
}
declare const admin: SessionHandle<AdminSession>;
expectTypeOf(admin.get('adminId')).toEqualTypeOf<number | undefined>();
