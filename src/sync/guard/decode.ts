import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { emptyDeleteSet, type Decoded, type Struct } from './update-io.ts'

/**
 * Y.decodeUpdate, but a plain value's bytes are only stepped over, and read when something asks for them. The guard
 * reads the shape of an update (ids, origins, keys, deletions) and rarely its values (a conflict at a key, the junk
 * check when no worker did it); Yjs reads the values again as it applies the update. Most of a join's decoding was
 * the records' text read twice: now it is read once, by Yjs. An update with anything but plain values and deleted
 * content (which no honest phone sends) is decoded by Yjs itself, so anything odd is judged exactly as before.
 */
class LazyAny extends Y.ContentAny {
  raw!: Uint8Array
  count!: number
  read: unknown[] | null = null
  /** values set from outside: then they, not the bytes, are what this holds */
  replaced = false
  // @ts-expect-error an accessor over ContentAny's field: the values are read on first use
  get arr(): unknown[] { return (this.read ??= readValues(this.raw, this.count)) }
  set arr(v: unknown[]) { this.read = v; this.replaced = true }
  getLength() { return this.replaced ? this.arr.length : this.count }
  write(encoder: Y.UpdateEncoderV1, offset: number) {
    if (this.replaced || offset) return super.write(encoder, offset)
    encoder.writeLen(this.count)
    encoding.writeUint8Array(encoder.restEncoder, this.raw)
  }
}

const lazyAny = (raw: Uint8Array, count: number): Y.ContentAny => {
  const c = new LazyAny([])
  c.read = null
  c.replaced = false
  c.raw = raw
  c.count = count
  return c
}

const readValues = (raw: Uint8Array, count: number): unknown[] => {
  const d = decoding.createDecoder(raw)
  const out: unknown[] = []
  for (let i = 0; i < count; i++) out.push(decoding.readAny(d))
  return out
}

class Odd extends Error {}

const need = (d: decoding.Decoder, n: number) => {
  if (n < 0 || d.pos + n > d.arr.length) throw new Odd()
  d.pos += n
}

const skipVarInt = (d: decoding.Decoder) => {
  while (d.pos < d.arr.length) if (d.arr[d.pos++] < 0x80) return
  throw new Odd()
}

/** steps over one of lib0's encoded values (decoding.readAny) without making it */
const skipAny = (d: decoding.Decoder, depth = 0): void => {
  if (depth > 1000) throw new Odd()
  if (d.pos >= d.arr.length) throw new Odd()
  // the type byte, as lib0's readAny table has them (127: undefined … 116: bytes)
  switch (d.arr[d.pos++]) {
    case 127: case 126: case 121: case 120: return
    case 125: return skipVarInt(d)
    case 124: return need(d, 4)
    case 123: case 122: return need(d, 8)
    case 119: case 116: return need(d, decoding.readVarUint(d))
    case 118: {
      const n = decoding.readVarUint(d)
      for (let i = 0; i < n; i++) { need(d, decoding.readVarUint(d)); skipAny(d, depth + 1) }
      return
    }
    case 117: {
      const n = decoding.readVarUint(d)
      for (let i = 0; i < n; i++) skipAny(d, depth + 1)
      return
    }
    default: throw new Odd()
  }
}

const BIT6 = 32
const BIT7 = 64
const BIT8 = 128
const BITS5 = 31
const readId = (d: decoding.Decoder) => Y.createID(decoding.readVarUint(d), decoding.readVarUint(d))

const decodeFast = (update: Uint8Array): Decoded => {
  const d = decoding.createDecoder(update)
  const structs: Struct[] = []
  const clients = decoding.readVarUint(d)
  for (let i = 0; i < clients; i++) {
    const count = decoding.readVarUint(d)
    const client = decoding.readVarUint(d)
    let clock = decoding.readVarUint(d)
    for (let j = 0; j < count; j++) {
      const info = decoding.readUint8(d)
      const ref = info & BITS5
      // as Yjs reads them: a Skip is exactly 10, a GC is any info with no content ref
      if (info === 10 || ref === 0) {
        const len = decoding.readVarUint(d)
        structs.push(info === 10 ? new Y.Skip(Y.createID(client, clock), len) : new Y.GC(Y.createID(client, clock), len))
        clock += len
        continue
      }
      if (ref !== 1 && ref !== 8) throw new Odd()
      const plain = (info & (BIT7 | BIT8)) === 0
      const origin = info & BIT8 ? readId(d) : null
      const rightOrigin = info & BIT7 ? readId(d) : null
      const parent = plain ? (decoding.readVarUint(d) === 1 ? decoding.readVarString(d) : readId(d)) : null
      const parentSub = plain && info & BIT6 ? decoding.readVarString(d) : null
      let content: Y.ContentAny | Y.ContentDeleted
      if (ref === 1) content = new Y.ContentDeleted(decoding.readVarUint(d))
      else {
        const n = decoding.readVarUint(d)
        const from = d.pos
        for (let k = 0; k < n; k++) skipAny(d)
        content = lazyAny(update.subarray(from, d.pos), n)
      }
      const item = new Y.Item(Y.createID(client, clock), null, origin, null, rightOrigin, parent as unknown as Y.AbstractType<unknown>, parentSub, content)
      structs.push(item)
      clock += item.length
    }
  }
  const ds = emptyDeleteSet()
  const n = decoding.readVarUint(d)
  for (let i = 0; i < n; i++) {
    const client = decoding.readVarUint(d)
    const deletes = decoding.readVarUint(d)
    if (!deletes) continue
    let list = ds.clients.get(client) as { clock: number; len: number }[] | undefined
    if (!list) ds.clients.set(client, (list = []) as never)
    for (let k = 0; k < deletes; k++) list.push({ clock: decoding.readVarUint(d), len: decoding.readVarUint(d) })
  }
  return { structs, ds }
}

/** the update's structs and deletions, as Y.decodeUpdate gives them; throws where it throws */
export const decodeShape = (update: Uint8Array): Decoded => {
  try {
    return decodeFast(update)
  } catch {
    return Y.decodeUpdate(update)
  }
}
