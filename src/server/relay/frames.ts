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

const varUintSize = (n: number) => {
  let size = 1
  while (n > 0x7f) { n = Math.floor(n / 128); size++ }
  return size
}
const putVarUint = (out: Buffer, at: number, n: number) => {
  while (n > 0x7f) { out[at++] = 0x80 | (n % 128); n = Math.floor(n / 128) }
  out[at++] = n
  return at
}

/**
 * The frames sent for every push, written straight into one buffer: encodeRelay's bytes, without its growing encoder
 * and the copy that ends it. A Buffer, so ws takes it as it is.
 */
export const entryFrame = (op: Op.Update | Op.Live, topic: string, seq: number, data: Uint8Array): Buffer => {
  const topicBytes = Buffer.byteLength(topic)
  const out = Buffer.allocUnsafe(1 + varUintSize(topicBytes) + topicBytes + varUintSize(seq) + varUintSize(data.length) + data.length)
  out[0] = op
  let at = putVarUint(out, 1, topicBytes)
  at += out.write(topic, at)
  at = putVarUint(out, at, seq)
  at = putVarUint(out, at, data.length)
  out.set(data, at)
  return out
}

export const ackFrame = (req: number, seq: number): Buffer => {
  const out = Buffer.allocUnsafe(1 + varUintSize(req) + varUintSize(seq))
  out[0] = Op.Ack
  putVarUint(out, putVarUint(out, 1, req), seq)
  return out
}
