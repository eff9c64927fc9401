import * as Y from 'yjs'
import { cleanUpdate } from '../guard.ts'

/**
 * Large updates nothing of which the document can place yet: every client in them starts past what it holds (a
 * relay's log read before the entries it builds on, or without them). Handed to Yjs, each would wait in its pending
 * structs, merged again with all that waits there (seconds per slice for a room), and the copy that completes them
 * (a peer's sync step 2) would be merged and checked with all of it. Set aside instead, it is as if it came later,
 * which a CRDT allows: it goes through the guard whole, in its turn, once something raises a state it starts at, and
 * is never in the document (nor passed on) before that. Bounded: past ASIDE_MAX_BYTES Yjs keeps it waiting, as before.
 */
export const ASIDE_MAX_BYTES = 32 * 1024 * 1024

/**
 * `update` is this module's own copy: a peer's update is a view into its whole message (up to 72 MB), which a view
 * kept here would keep alive while the bound counts only the view. `retry` gets the copy back, so it holds no view.
 * `counted`: the caller was told it is held (a relay entry its cursor passes), so this phone's snapshot must hold it.
 */
export interface Aside { update: Uint8Array; starts: [number, number][]; retry: (update: Uint8Array) => Promise<unknown>; counted: boolean; going?: boolean; since?: number }
const asides = new WeakMap<Y.Doc, { list: Aside[]; off: () => void }>()

/** whether every client of an update starts past what the document holds */
export const cannotPlace = (doc: Y.Doc, starts: [number, number][]) =>
  starts.length > 0 && starts.every(([client, clock]) => clock > Y.getState(doc.store, client))

const same = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

// out here, so the listener's closure holds no view into the message the first update set aside came in
const watch = (doc: Y.Doc) => {
  const check = () => {
    const h = asides.get(doc)
    if (!h) return
    // one on its way stays listed until it is in: until then, what this phone snapshots still holds it
    for (const b of h.list.filter((b) => !b.going && !cannotPlace(doc, b.starts))) {
      b.going = true
      void b.retry(b.update).finally(() => {
        h.list = h.list.filter((a) => a !== b)
        if (!h.list.length && asides.get(doc) === h) { h.off(); asides.delete(doc) }
      })
    }
  }
  doc.on('update', check)
  const held = { list: [] as Aside[], off: () => doc.off('update', check) }
  asides.set(doc, held)
  return held
}

/** sets an update aside if nothing of it can be placed yet and there is room; false when it must go in now */
export const setAside = (doc: Y.Doc, a: Aside): boolean => {
  if (!cannotPlace(doc, a.starts) || a.starts.some(([client]) => client === doc.clientID)) return false
  let held = asides.get(doc)
  const twin = held?.list.find((b) => same(b.update, a.update))
  // asked again (a mend), or a peer's copy of a relay entry came first: once is enough, counted if either was
  if (twin) { twin.counted ||= a.counted; return true }
  if ((held?.list ?? []).reduce((n, b) => n + b.update.length, 0) + a.update.length > ASIDE_MAX_BYTES) return false
  held ??= watch(doc)
  held.list.push({ ...a, update: a.update.slice(), since: Date.now() })
  return true
}

/**
 * The updates set aside that the caller counted as held (relay entries its cursor passed), as the guard keeps them:
 * what this phone's snapshot says it holds includes them, as it included Yjs's pending structs, and nothing it has not
 * checked goes on to the relay.
 */
export const asideCounted = (doc: Y.Doc): Uint8Array[] => (asides.get(doc)?.list ?? []).flatMap((a) => {
  if (!a.counted) return []
  const c = cleanUpdate(a.update, doc)
  return 'error' in c ? [] : [c.update]
})

/** when the oldest update still aside (or on its way in) was set aside; 0 when none waits */
export const asideSince = (doc: Y.Doc) => {
  const list = asides.get(doc)?.list ?? []
  return list.length ? Math.min(...list.map((a) => a.since ?? 0)) : 0
}

/** what the updates set aside wait for, as Yjs names what its pending structs miss: per client, the clock before their first */
export const asideMissing = (doc: Y.Doc): [number, number][] => {
  const missing = new Map<number, number>()
  for (const a of asides.get(doc)?.list ?? []) if (!a.going) for (const [client, clock] of a.starts) missing.set(client, Math.min(clock - 1, missing.get(client) ?? Infinity))
  return [...missing]
}
