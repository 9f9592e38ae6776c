// The sample's session data: every session API below is typed by it.
declare module '../lib/index.js' {
  interface SessionData {
    userId?: string;
    cart?: string[];
  }
}

export {};
