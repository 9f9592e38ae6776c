/** DI token of the validated `ResolvedSessionOptions`. */
export const ResolvedSessionOptionsToken = Symbol('nestjs-session-kit:resolved-options');
