'use strict';
// Plain JavaScript has no decorator syntax: the decorators are applied by hand, the way
// TypeScript's emitted code applies them, and `Inject` names the token emitDecoratorMetadata
// would otherwise have recorded.
const { Body, Controller, Get, HttpCode, Inject, Post } = require('@nestjs/common');
const { RequireSession, Session, SessionService } = require('nestjs-session-kit');

/** Writes and reads the session through the decorators, the guard and the service. */
class SessionController {
  constructor(sessions) {
    this.sessions = sessions;
  }

  write(session, body) {
    session.patch(body);
    return { id: session.id, data: session.toJSON() };
  }

  read(session) {
    return { id: session.id, isNew: session.isNew, mode: session.mode, data: session.toJSON() };
  }

  readThroughService() {
    return { id: this.sessions.id, data: this.sessions.toJSON() };
  }

  account(userId) {
    return { userId };
  }
}

/** Applies method decorators to `member` of `SessionController`. */
function decorateMethod(member, decorators) {
  const { prototype } = SessionController;
  Reflect.decorate(
    decorators,
    prototype,
    member,
    Object.getOwnPropertyDescriptor(prototype, member),
  );
}

Inject(SessionService)(SessionController, undefined, 0);
decorateMethod('write', [Post('session'), HttpCode(200)]);
Session()(SessionController.prototype, 'write', 0);
Body()(SessionController.prototype, 'write', 1);
decorateMethod('read', [Get('session')]);
Session()(SessionController.prototype, 'read', 0);
decorateMethod('readThroughService', [Get('service')]);
decorateMethod('account', [Get('account'), RequireSession('userId')]);
Session('userId')(SessionController.prototype, 'account', 0);

module.exports = { SessionController: Reflect.decorate([Controller()], SessionController) };
