import * as Y from 'yjs'
import { encodeUpdate } from '../guard/index.ts'

/** Yjs state vectors as plain bytes: what the relay's copy holds, grown update by update. */
export const emptyVector = (): Uint8Array => Y.encodeStateVector(new Map())

/** true when `have` holds something `known` does not */
export const lacks = (known: Uint8Array, have: Uint8Array): boolean => {
  const k = Y.decodeStateVector(known)
  for (const [client, clock] of Y.decodeStateVector(have)) if ((k.get(client) ?? 0) < clock) return true
  return false
}

/**
 * `known` grown by ranges a received update surely held (see guard/guard.ts). A client's range counts only where it
 * continues what is known, so a gap never passes for held (the cost of being wrong this way is a harmless resend).
 */
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

/** per client, clock ranges [from, to) past what a vector says, sorted and apart */
export type Ranges = Map<number, [number, number][]>

/** at most this many ranges a client, and left past gaps in all: past them, what a range held is pushed again (harmless)
 * rather than kept, so an entry naming many clients can't make every read, ack and repair walk a long list */
const MAX_RANGES = 256
export const MAX_ALL_RANGES = 4096

/** `ranges` with what `update` holds added (per client, each run of structs between its Skips) or `held` */
export const addRanges = (ranges: Ranges, held: Uint8Array | Map<number, [number, number]>): Ranges => {
  let add: [number, [number, number]][] = held instanceof Uint8Array ? [] : [...held]
  if (held instanceof Uint8Array) {
    // each run of structs between Skips on its own: a Skip is a range the update does not hold
    try {
      let run: [number, [number, number]] | undefined
      for (const s of Y.decodeUpdate(held).structs) {
        if (s instanceof Y.Skip) { run = undefined; continue }
        if (run && run[0] === s.id.client && run[1][1] === s.id.clock) run[1][1] += s.length
        else add.push((run = [s.id.client, [s.id.clock, s.id.clock + s.length]]))
      }
    } catch {
      return ranges
    }
  }
  add.forEach(([client, [from, to]]) => {
    if (to <= from) return
    const merged: [number, number][] = []
    for (const [a, b] of [...(ranges.get(client) ?? []), [from, to] as [number, number]].sort((x, y) => x[0] - y[0])) {
      const last = merged.at(-1)
      if (last && a <= last[1]) last[1] = Math.max(last[1], b)
      else merged.push([a, b])
    }
    ranges.set(client, merged.slice(0, MAX_RANGES))
  })
  return ranges
}

/** `known` grown by the ranges that continue it, and the ranges left, each past it with a gap before */
export const foldRanges = (known: Uint8Array, ranges: Ranges): { vector: Uint8Array; left: Ranges } => {
  const out = Y.decodeStateVector(known)
  const left: Ranges = new Map()
  let kept = 0
  for (const [client, list] of ranges) {
    let have = out.get(client) ?? 0
    const rest = list.filter(([from, to]) => {
      if (from > have) return true
      have = Math.max(have, to)
      return false
    })
    if (have) out.set(client, have)
    if (!rest.length || kept + rest.length > MAX_ALL_RANGES) continue
    left.set(client, rest)
    kept += rest.length
  }
  return { vector: Y.encodeStateVector(out), left }
}

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

/** `update` without its structs that lie wholly in `ranges`: a Skip in their place, none at a client's end */
export const outside = (update: Uint8Array, ranges: Ranges): Uint8Array => {
  const { structs, ds } = Y.decodeUpdate(update)
  const byClient = new Map<number, Struct[]>()
  for (const s of structs) {
    const { client, clock } = s.id
    let list = byClient.get(client)
    if (!list) byClient.set(client, (list = []))
    const last = list.at(-1)
    if (!ranges.get(client)?.some(([from, to]) => from <= clock && clock + s.length <= to)) list.push(s)
    else if (last instanceof Y.Skip) list[list.length - 1] = new Y.Skip(last.id, last.length + s.length)
    else list.push(new Y.Skip(s.id, s.length))
  }
  const kept: Struct[] = []
  for (const list of byClient.values()) {
    while (list.at(-1) instanceof Y.Skip) list.pop()
    kept.push(...list)
  }
  return encodeUpdate(kept, ds)
}
