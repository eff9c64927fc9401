/**
 * `defaults` with each value whose variable (in `names`) is set in `env` in its place.
 * A value that isn't a positive number is an error at start, never a silent default.
 */
export const numbersFromEnv = <T extends { [K in keyof T]: number }>(defaults: T, names: Record<keyof T, string>, env: NodeJS.ProcessEnv): T => {
  const out = { ...defaults }
  for (const [name, variable] of Object.entries(names) as [keyof T, string][]) {
    const raw = env[variable]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${variable} must be a positive number, not "${raw}".`)
    out[name] = value as T[keyof T]
  }
  return out
}
