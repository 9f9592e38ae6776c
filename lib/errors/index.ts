export { SessionError } from './session.error.js';
export { SessionConfigError } from './session-config.error.js';
export { NoActiveSessionError } from './no-active-session.error.js';
export { SessionTooLargeError } from './session-too-large.error.js';
export { SessionStoreUnavailableError } from './session-store-unavailable.error.js';
export { SessionKeyError } from './session-key.error.js';
export { SessionReadOnlyError } from './session-read-only.error.js';
