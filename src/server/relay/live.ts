import { encodeRelay, Op, type Entry } from '../../protocol/index.ts'
import type { Conn, Live } from './conn.ts'
import { entryFrame } from './frames.ts'

/**
 * Live copies: a push goes on to the room's other sockets as soon as the store has taken it (its checks passed, its seq
 * given), before it is durable; its sender's Ack still waits for the disk. A socket that asked for them (Join `live`)
 * gets a Live frame at once and a Stored notice once the disk has it; one that didn't gets the Update frame once durable,
 * as before. The relay may die between the two and, restarted, give that seq to another entry: so a client takes a Live
 * copy into its document (sealed and signed like every entry, and guarded the same) but moves its cursor past it only on
 * a Stored on the same socket, which a dead relay never sends. Its sender keeps it in the outbox until the Ack and pushes
 * it again after a crash (the dedupe id makes a second copy harmless).
 */
export interface LiveRoom {
  conns: Set<Conn>
  /** seqs passed on live and not yet durable, with the socket that pushed each */
  early: Map<number, Conn>
  /** the highest seq passed on live on this instance: a socket that joins later got none before it */
  passed: number
  /** durable live seqs to name in one Stored, sent when this tick's work is done */
  told: { from: number; to: number; only: Conn | null } | null
  /** memberships here that take live copies: with none, a push costs no look-up per socket for them */
  takers: number
}

export const liveRoom = (): Pick<LiveRoom, 'early' | 'passed' | 'told' | 'takers'> => ({ early: new Map(), passed: 0, told: null, takers: 0 })

/** the store has taken `data` at `seq` from `sender`: everyone else in the room who takes live copies gets it now */
export const passOn = (room: LiveRoom, topic: string, sender: Conn, seq: number, data: Uint8Array) => {
  room.early.set(seq, sender)
  room.passed = Math.max(room.passed, seq)
  if (!room.takers) return
  let live: Live | undefined
  for (const c of room.conns) {
    if (c === sender || !c.takesLive(topic)) continue
    c.deliverLive(topic, live ??= { entry: { seq, data }, frame: entryFrame(Op.Live, topic, seq, data) })
  }
}

/** a write passed on live failed: its seq is never named as stored, so nobody's cursor moves past it */
export const dropEarly = (room: LiveRoom | undefined, seq: number) => { room?.early.delete(seq) }

/**
 * An entry is durable: the sockets that got it live are told (one Stored a tick for the room's run of seqs), and every
 * other socket gets its Update as before.
 */
export const durable = (room: LiveRoom, topic: string, entry: Entry, update: () => Live) => {
  const sender = room.early.get(entry.seq)
  // no socket takes live copies now: none got this one, and none waits for its notice
  const early = sender !== undefined && room.early.delete(entry.seq) && room.takers > 0
  let frame: Live | undefined
  for (const c of room.conns) {
    if (early && c.gotLive(topic, entry.seq)) continue
    c.deliver(topic, frame ??= update())
  }
  if (early) tell(room, topic, entry.seq, sender)
}

const tell = (room: LiveRoom, topic: string, seq: number, sender: Conn) => {
  const t = room.told
  if (t && seq === t.to + 1) {
    t.to = seq
    if (t.only !== sender) t.only = null
    return
  }
  if (t) flush(room, topic)
  room.told = { from: seq, to: seq, only: sender }
  // after this tick's other entries: a group commit makes a room's whole batch durable at once
  process.nextTick(() => flush(room, topic))
}

const flush = (room: LiveRoom, topic: string) => {
  const t = room.told
  if (!t) return
  room.told = null
  const frame = encodeRelay({ op: Op.Stored, topic, from: t.from, to: t.to })
  // a socket that got none of these live (it joined later, or pushed them all) has no copy waiting for this notice
  for (const c of room.conns) if (c !== t.only && c.takesLive(topic)) c.deliverStored(topic, frame, t.to)
}
