import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { RawData } from 'ws'
import { encodeRelay, Op, PUSH_OPS, type RelayMessage } from '../../protocol/index.ts'

type State = Extract<RelayMessage, { op: Op.State }>

/**
 * A State frame in parts whose bytes together are encodeRelay(m): its snapshot's data is one part as it is, so a
 * snapshot shared by every join of a room is never copied or encoded again. The relay sends the parts as the
 * fragments of one websocket message.
 */
export const stateParts = (m: State): Uint8Array[] => {
  if (!m.snapshot) return [encodeRelay(m)]
  const lead = encoding.createEncoder()
  encoding.writeVarUint(lead, Op.State)
  encoding.writeVarUint(lead, m.req)
  encoding.writeVarString(lead, m.topic)
  encoding.writeVarUint(lead, m.head)
  const before = encoding.length(lead)
  encoding.writeVarUint(lead, 1)
  encoding.writeVarUint(lead, m.snapshot.seq)
  encoding.writeVarUint(lead, m.snapshot.data.length)
  // the same State without its snapshot: what follows its "no snapshot" flag is what follows the snapshot
  const rest = encodeRelay({ ...m, snapshot: null }).subarray(before + 1)
  return [encoding.toUint8Array(lead), m.snapshot.data, rest]
}

export const bytesOf = (raw: RawData): Uint8Array => {
  const b = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw)
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
}

/** the req of a frame too broken to decode, when its start still says which request it was (a push op's too) */
export const reqOf = (bytes: Uint8Array) => {
  try {
    const d = decoding.createDecoder(bytes)
    const op = decoding.readVarUint(d)
    return op === Op.Join || op === Op.Push || op === Op.Snapshot || op === Op.History || PUSH_OPS.has(op) ? decoding.readVarUint(d) : 0
  } catch {
    return 0
  }
}
