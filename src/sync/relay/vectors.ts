import * as Y from 'yjs'

/** Yjs state vectors as plain bytes: what the relay's copy holds, grown update by update. */
export const emptyVector = (): Uint8Array => Y.encodeStateVector(new Map())

/**
 * `known` grown by what `update` adds. A client's range counts only where it continues what is known,
 * so a gap never passes for held (the cost of being wrong this way is a harmless resend).
 */
export const extendVector = (known: Uint8Array, update: Uint8Array): Uint8Array => {
  let meta: { from: Map<number, number>; to: Map<number, number> }
  try {
    meta = Y.parseUpdateMeta(update)
  } catch {
    return known
  }
  const out = Y.decodeStateVector(known)
  meta.from.forEach((from, client) => {
    const have = out.get(client) ?? 0
    const to = meta.to.get(client) ?? 0
    if (from <= have && to > have) out.set(client, to)
  })
  return Y.encodeStateVector(out)
}

/** true when `have` holds something `known` does not */
export const lacks = (known: Uint8Array, have: Uint8Array): boolean => {
  const k = Y.decodeStateVector(known)
  for (const [client, clock] of Y.decodeStateVector(have)) if ((k.get(client) ?? 0) < clock) return true
  return false
}

/** `known` grown by ranges a received update surely held (see guard/guard.ts), with the same rule as extendVector. */
export const extendHeld = (known: Uint8Array, held: Map<number, [number, number]>): Uint8Array => {
  const out = Y.decodeStateVector(known)
  held.forEach(([from, to], client) => {
    const have = out.get(client) ?? 0
    if (from <= have && to > have) out.set(client, to)
  })
  return Y.encodeStateVector(out)
}

/** what either vector holds: per client, the higher clock */
export const unionVector = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = Y.decodeStateVector(a)
  for (const [client, clock] of Y.decodeStateVector(b)) if ((out.get(client) ?? 0) < clock) out.set(client, clock)
  return Y.encodeStateVector(out)
}
