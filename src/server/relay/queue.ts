import type { RelayLimits } from './limits.ts'

/**
 * Bytes queued to sockets and not yet written out, over the whole process. A buffer queued to many sockets at once
 * (a room's live frame, a snapshot shared by every join) is held once in memory, so it counts once.
 */
export const queueMeter = () => {
  const held = new Map<Uint8Array, number>()
  let bytes = 0
  return {
    hold(b: Uint8Array) {
      const n = held.get(b) ?? 0
      if (!n) bytes += b.length
      held.set(b, n + 1)
    },
    release(b: Uint8Array) {
      const n = held.get(b) ?? 0
      if (n > 1) return void held.set(b, n - 1)
      if (n) { held.delete(b); bytes -= b.length }
    },
    bytes: () => bytes,
    over: (limits: RelayLimits) => bytes > limits.queuedTotal,
  }
}
export type QueueMeter = ReturnType<typeof queueMeter>

/** what the sweep needs of a socket */
export interface Queued {
  queued: number
  drained: number
  /** when it went over its own budget, and what it had drained then */
  over: { since: number; drained: number } | null
  drop(): void
}

/**
 * Run every second or so. A socket over queuedPerSocket must keep draining at minDrain bytes a second: one that drains
 * less over stallMs is closed (a phone on a slow network still takes a large room; a socket that never reads doesn't).
 * While the process is over queuedTotal, the sockets over their own budget go, the longest queue first.
 */
export const sweepQueues = (sockets: Iterable<Queued>, meter: QueueMeter, limits: RelayLimits, now = Date.now()) => {
  const over: Queued[] = []
  for (const s of sockets) {
    if (s.queued <= limits.queuedPerSocket) { s.over = null; continue }
    over.push(s)
    if (!s.over) { s.over = { since: now, drained: s.drained }; continue }
    const elapsed = now - s.over.since
    if (elapsed < limits.stallMs) continue
    if (s.drained - s.over.drained < (limits.minDrain * elapsed) / 1000) s.drop()
    else s.over = { since: now, drained: s.drained }
  }
  over.sort((a, b) => b.queued - a.queued)
  for (const s of over) {
    if (!meter.over(limits)) break
    s.drop()
  }
}
