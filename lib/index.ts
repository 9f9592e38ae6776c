export { SessionModule } from './session.module.js';
export type { SessionModuleAsyncOptions } from './session.module-definition.js';
export { sessionConfig } from './options/session.config.js';
export { SessionHandle } from './core/session-handle.js';
export { SessionService } from './core/session.service.js';
export { Session } from './decorators/session.decorator.js';
export { SessionId } from './decorators/session-id.decorator.js';
export { RequireSession } from './decorators/require-session.decorator.js';
export { AllowAnonymous } from './decorators/allow-anonymous.decorator.js';
export { SessionGuard } from './guards/session.guard.js';
export { MemorySessionStore } from './stores/memory.store.js';
export * from './errors/index.js';
export type { SessionData } from './core/session-data.interface.js';
export type { RevokeAllSessionsOptions, SessionInfo } from './core/session-info.interface.js';
export type {
  IndexedSession,
  StoredRecord,
  UserSessionIndex,
} from './core/user-session-index.interface.js';
export type { SessionRequirement } from './guards/session-requirement.interface.js';
export type * from './options/session-module-options.interface.js';
