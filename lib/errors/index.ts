export { SessionError } from './session.error.js';
export { SessionConfigError } from './session-config.error.js';
export { NoActiveSessionError } from './no-active-session.error.js';
