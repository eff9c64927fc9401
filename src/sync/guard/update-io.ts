import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** the most structs one update from a peer or the relay may carry (a room of 100,000 records is far below) */
export const MAX_STRUCTS = 1_000_000
export const MAX_UPDATE_BYTES = 64 * 1024 * 1024

export type Decoded = ReturnType<typeof Y.decodeUpdate>
export type Struct = Decoded['structs'][number]
export type DeleteSet = Decoded['ds']

/** Writes structs and a delete set back as a v1 update, as Yjs's own writeStructs and writeDeleteSet do. */
export const encodeUpdate = (structs: Struct[], ds: DeleteSet): Uint8Array => {
  const e = new Y.UpdateEncoderV1()
  const byClient = new Map<number, Struct[]>()
  for (const s of structs) {
    const list = byClient.get(s.id.client)
    if (list) list.push(s)
    else byClient.set(s.id.client, [s])
  }
  encoding.writeVarUint(e.restEncoder, byClient.size)
  for (const [client, list] of [...byClient].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(e.restEncoder, list.length)
    e.writeClient(client)
    encoding.writeVarUint(e.restEncoder, list[0].id.clock)
    for (const s of list) s.write(e, 0)
  }
  encoding.writeVarUint(e.restEncoder, ds.clients.size)
  for (const [client, items] of [...ds.clients].sort((a, b) => b[0] - a[0])) {
    e.resetDsCurVal()
    encoding.writeVarUint(e.restEncoder, client)
    encoding.writeVarUint(e.restEncoder, items.length)
    for (const item of items) { e.writeDsClock(item.clock); e.writeDsLen(item.len) }
  }
  return e.toUint8Array()
}

export const emptyDeleteSet = (): DeleteSet => ({ clients: new Map() }) as DeleteSet

/** per client, the clocks [from, to) this update surely holds: up to its first gap (a Skip) */
export type Held = Map<number, [number, number]>

export const heldOf = (structs: Struct[]): Held => {
  const held: Held = new Map()
  const gapped = new Set<number>()
  for (const s of structs) {
    if (s instanceof Y.Skip) gapped.add(s.id.client)
    else if (!gapped.has(s.id.client)) {
      const r = held.get(s.id.client)
      held.set(s.id.client, [r ? r[0] : s.id.clock, s.id.clock + s.length])
    }
  }
  return held
}
