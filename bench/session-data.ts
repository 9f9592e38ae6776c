declare module '../dist/index.js' {
  interface SessionData {
    userId?: string;
    counter?: number;
  }
}

export {};
