import * as Y from 'yjs'

/**
 * Large updates nothing of which the document can place yet: every client in them starts past what it holds (a
 * relay's log read before the entries it builds on, or without them). Handed to Yjs, each would wait in its pending
 * structs, merged again with all that waits there (seconds per slice for a room), and the copy that completes them
 * (a peer's sync step 2) would be merged and checked with all of it. Set aside instead, it is as if it came later,
 * which a CRDT allows: it goes through the guard whole, in its turn, once something raises a state it starts at, and
 * is never in the document (nor passed on) before that. Bounded: past ASIDE_MAX_BYTES Yjs keeps it waiting, as before.
 */
export const ASIDE_MAX_BYTES = 32 * 1024 * 1024

export interface Aside { update: Uint8Array; starts: [number, number][]; retry: () => void }
const asides = new WeakMap<Y.Doc, { list: Aside[]; off: () => void }>()

/** whether every client of an update starts past what the document holds */
export const cannotPlace = (doc: Y.Doc, starts: [number, number][]) =>
  starts.length > 0 && starts.every(([client, clock]) => clock > Y.getState(doc.store, client))

const same = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** sets an update aside if nothing of it can be placed yet and there is room; false when it must go in now */
export const setAside = (doc: Y.Doc, a: Aside): boolean => {
  if (!cannotPlace(doc, a.starts)) return false
  let held = asides.get(doc)
  if (held?.list.some((b) => same(b.update, a.update))) return true // asked again (a mend): once is enough
  if ((held?.list ?? []).reduce((n, b) => n + b.update.length, 0) + a.update.length > ASIDE_MAX_BYTES) return false
  if (!held) {
    const check = () => {
      const h = asides.get(doc)
      if (!h) return
      const ready = h.list.filter((b) => !cannotPlace(doc, b.starts))
      if (!ready.length) return
      h.list = h.list.filter((b) => !ready.includes(b))
      if (!h.list.length) { h.off(); asides.delete(doc) }
      for (const b of ready) b.retry()
    }
    doc.on('update', check)
    held = { list: [], off: () => doc.off('update', check) }
    asides.set(doc, held)
  }
  held.list.push(a)
  return true
}

/** what the updates set aside wait for, as Yjs names what its pending structs miss: per client, the clock before their first */
export const asideMissing = (doc: Y.Doc): [number, number][] => {
  const missing = new Map<number, number>()
  for (const a of asides.get(doc)?.list ?? []) for (const [client, clock] of a.starts) missing.set(client, Math.min(clock - 1, missing.get(client) ?? Infinity))
  return [...missing]
}
