declare module '../lib/index.js' {
  interface SessionData {
    userId?: string;
    visits?: number;
  }
}

export {};
