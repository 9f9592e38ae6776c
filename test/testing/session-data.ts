// What a user's app declares: the session data its routes read.
declare module 'nestjs-session-kit' {
  interface SessionData {
    userId?: string;
    roles?: string[];
  }
}

export {};
