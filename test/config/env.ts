/**
 * Replaces every `SESSION_*` variable and `NODE_ENV` of `process.env` with `vars` until the
 * returned function is called, which puts the original environment back.
 */
export function setSessionEnv(vars: Record<string, string>): () => void {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('SESSION_') || name === 'NODE_ENV') {
      delete process.env[name];
    }
  }
  Object.assign(process.env, vars);
  return () => {
    for (const name of Object.keys(process.env)) {
      if (!(name in saved)) {
        delete process.env[name];
      }
    }
    Object.assign(process.env, saved);
  };
}
