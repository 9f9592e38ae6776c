'use strict';
const { Module } = require('@nestjs/common');
const { SessionModule } = require('nestjs-session-kit');
const { SessionController } = require('./session.controller.js');

const SECRET = 'compat-secret-that-is-long-enough-for-production-use';

/** The application module with `SessionModule.forRoot` in `mode` (`'store'` or `'cookie'`). */
function createAppModule(mode) {
  class AppModule {}
  return Reflect.decorate(
    [
      Module({
        imports: [SessionModule.forRoot({ mode, secret: SECRET })],
        controllers: [SessionController],
      }),
    ],
    AppModule,
  );
}

module.exports = { createAppModule };
