/** At most one line per distinct failure per minute: an outage shouldn't flood the log. Never given payloads. */
export const quietLog = (prefix: string) => {
  const last = new Map<string, number>()
  return (what: string, e: unknown) => {
    const line = `${prefix} ${what}: ${e instanceof Error ? e.message : String(e)}`
    const now = Date.now()
    if ((last.get(line) ?? 0) > now - 60_000) return
    if (last.size > 1000) last.clear()
    last.set(line, now)
    console.error(line)
  }
}
