/** `WsException` of `@nestjs/websockets`: the error Nest's gateways report to the client. */
export type WsExceptionClass = new (error: string | object) => Error;

let loading: Promise<WsExceptionClass> | undefined;

/**
 * The application's `WsException`, imported on first use. Only a gateway asks for it, and a
 * gateway needs `@nestjs/websockets` anyway: an application without it never loads it. Nest's
 * WebSocket exception filter reports a `WsException`'s message to the client, and any other
 * error as "Internal server error".
 */
export function loadWsException(): Promise<WsExceptionClass> {
  loading ??= import('@nestjs/websockets').then((module: unknown) => {
    // Nest 12 is ESM; Nest 11's CommonJS exports may come under `default`.
    const { WsException, default: commonJs } = module as {
      WsException?: WsExceptionClass;
      default?: { WsException?: WsExceptionClass };
    };
    const found = WsException ?? commonJs?.WsException;
    if (!found) {
      throw new Error("the installed '@nestjs/websockets' has no export `WsException`");
    }
    return found;
  });
  return loading;
}
