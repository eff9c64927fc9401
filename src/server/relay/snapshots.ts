import type { Entry } from '../../protocol/index.ts'

interface Held { epoch: string; seq: number; data: Uint8Array }

/**
 * The current snapshot of rooms with a socket here, read once and shared by every join until a newer one comes
 * (store.read leaves out the bytes of the one held). At most `maxBytes` in all; the least lately used goes first.
 */
export const snapshotCache = (maxBytes: number) => {
  const held = new Map<string, Held>()
  let bytes = 0
  const drop = (topic: string) => {
    const h = held.get(topic)
    if (!h) return
    held.delete(topic)
    bytes -= h.data.length
  }
  return {
    /** the seq of the snapshot held for a topic, to ask the store to leave its bytes out */
    seqOf: (topic: string) => held.get(topic)?.seq,
    get(topic: string, epoch: string, seq: number): Uint8Array | undefined {
      const h = held.get(topic)
      if (!h || h.epoch !== epoch || h.seq !== seq) return undefined
      held.delete(topic)
      held.set(topic, h)
      return h.data
    },
    put(topic: string, epoch: string, snapshot: Entry) {
      drop(topic)
      if (snapshot.data.length > maxBytes) return
      held.set(topic, { epoch, seq: snapshot.seq, data: snapshot.data })
      bytes += snapshot.data.length
      for (const t of held.keys()) {
        if (bytes <= maxBytes) break
        drop(t)
      }
    },
    drop,
    bytes: () => bytes,
  }
}
