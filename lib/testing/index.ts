export { sessionCookie } from './session-cookie.js';
