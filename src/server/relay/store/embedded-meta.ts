import type { ClassicLevel } from 'classic-level'

export interface Snap { seq: number; len: number }
/** a superseded snapshot (seq 0: the empty room before the first one), kept with the log after it until `until` (see KEPT) */
export interface Kept extends Snap { until: number }
/** epoch: made with the first entry (see RelayStore.read); a topic stored before epochs gets one with its next write */
export interface Meta { head: number; bytes: number; epoch?: string; cur: Snap | null; kept: Kept[] }
interface Pending { seq: number; done: Promise<void> }
export interface Topic { meta: Meta; durable: Meta; pending: Map<string, Pending> }

export type Db = ClassicLevel<string, Uint8Array>

const pad = (n: number) => String(n).padStart(16, '0')
export const key = {
  meta: (t: string) => `m/${t}`,
  /** what every room holds together, as of the last batch on disk */
  held: 'g/bytes',
  log: (t: string, seq: number) => `l/${t}/${pad(seq)}`,
  dedupe: (t: string, id: string) => `d/${t}/${id}`,
  snap: (t: string, seq: number) => `s/${t}/${pad(seq)}`,
}
export const seqOfKey = (k: string) => Number(k.slice(-16))

export const utf8 = new TextEncoder()
export const text = new TextDecoder()

/** a log value: id length (1 byte) ‖ id ‖ sealed data, so trimming can drop the dedupe key too */
export const packEntry = (id: string, data: Uint8Array) => {
  const idBytes = utf8.encode(id)
  const out = new Uint8Array(1 + idBytes.length + data.length)
  out[0] = idBytes.length
  out.set(idBytes, 1)
  out.set(data, 1 + idBytes.length)
  return out
}
export const unpackEntry = (v: Uint8Array) => ({ id: text.decode(v.subarray(1, 1 + v[0])), data: v.subarray(1 + v[0]) })

export const copy = (m: Meta): Meta => ({ ...m, cur: m.cur && { ...m.cur }, kept: m.kept.map((k) => ({ ...k })) })
export const EMPTY: Meta = { head: 0, bytes: 0, cur: null, kept: [] }

/** meta as written before superseded history was kept a while: the previous snapshot (or the empty room) becomes the oldest point */
type Legacy = Omit<Meta, 'kept'> & { prev?: Snap | null; kept?: Kept[] }
export const upgrade = (m: Legacy, until: number): Meta => {
  if (Array.isArray(m.kept)) return m as Meta
  const { prev, ...rest } = m
  return { ...rest, kept: m.cur ? [prev ? { ...prev, until } : { seq: 0, len: 0, until }] : [] }
}
