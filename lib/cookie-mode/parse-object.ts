/** The JSON object `json` holds, or undefined for anything else (a value that is not JSON too). */
export function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(json);
    return data && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
