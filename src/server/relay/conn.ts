import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import { encodeRelay, Op, type Entry, type ErrorCode, type RelayMessage } from '../../protocol/index.ts'
import { bucket } from '../bucket.ts'
import { networkOf } from './budget.ts'
import type { RelayLimits } from './limits.ts'
import { queueMeter, type QueueMeter, type Queued } from './queue.ts'

/** a live entry and its Update frame, encoded once for the whole room */
export interface Live { entry: Entry; frame: Uint8Array }

/** a push on its way to the store: if its own entry comes back live first, it is recognised by its bytes */
interface Flight { data: Uint8Array; echoed: boolean }

/** a frame held behind a join's State: an Update (checked again as it goes), or a Live or Stored naming `seq` */
type Held = { update: Live } | { frame: Uint8Array; seq: number }

/** One socket's standing in one topic. */
export interface Membership {
  /** joins whose State isn't sent yet: live entries wait behind them */
  joining: number
  held: Held[]
  heldBytes: number
  /** takes Live copies and Stored notices (see live.ts), for seqs from liveFrom on */
  live: boolean
  liveFrom: number
  inflight: Flight[]
  /** seqs of this socket's acknowledged pushes whose live echo hasn't come by yet */
  own: Set<number>
  /** the head its last State covered */
  after: number
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0

export class Conn implements Queued {
  readonly joined = new Map<string, Membership>()
  readonly writes: ReturnType<typeof bucket>
  readonly joins: ReturnType<typeof bucket>
  readonly rejoins: ReturnType<typeof bucket>
  readonly says: ReturnType<typeof bucket>
  readonly histories: ReturnType<typeof bucket>
  /** what a join proof on this socket may name as the relay (see here.ts) */
  origins: string[] = []
  /** what its stored bytes count against (see byteWindow), worked out once */
  readonly network: string
  /** bytes handed to the socket and not yet written out, and bytes written out so far (see sweepQueues) */
  queued = 0
  drained = 0
  over: Queued['over'] = null
  /** this tick's frames, handed to ws together when the current work (a batch's acks and fan-out) is done */
  private out: { frames: Uint8Array[]; fins: boolean[] } | null = null
  /** frames handed to ws and not yet written out, a tick's at a time, so a closed socket gives back what it held */
  private writing = new Set<Uint8Array[]>()

  constructor(readonly ws: WebSocket, readonly id: number, readonly address: string, readonly nonce: Uint8Array, private limits: RelayLimits,
    private meter: QueueMeter = queueMeter()) {
    this.writes = bucket(limits.rate, limits.burst)
    this.joins = bucket(limits.joinRate, limits.joinBurst)
    this.rejoins = bucket(limits.rejoinRate, limits.rejoinBurst)
    this.says = bucket(limits.sayRate, limits.sayBurst)
    this.histories = bucket(limits.historyRate, limits.historyBurst)
    this.network = networkOf(address)
  }

  get open() { return this.ws.readyState === this.ws.OPEN }

  sendFrame(frame: Uint8Array) {
    if (this.admits(frame.length)) this.put(frame, true)
  }

  /** one message, sent as fragments so that shared parts (a snapshot) go out as they are */
  sendParts(parts: Uint8Array[]) {
    if (!this.admits(parts.reduce((n, p) => n + p.length, 0))) return
    for (let i = 0; i < parts.length; i++) this.put(parts[i], i === parts.length - 1)
  }

  private admits(size: number) {
    if (!this.open) return false
    // a reader that can't keep up would otherwise grow this process's memory without end; checked before
    // sending, so one large State (a room's snapshot and tail) still goes out whole
    if (this.queued > this.limits.maxBuffered) return void this.drop()
    // past the process's budget, a socket that is already behind gets no more
    if (this.queued && this.meter.bytes() + size > this.limits.queuedTotal) return void this.drop()
    return true
  }

  private put(p: Uint8Array, fin: boolean) {
    this.meter.hold(p)
    this.queued += p.length
    if (!this.out) {
      this.out = { frames: [], fins: [] }
      process.nextTick(() => this.flush())
    }
    this.out.frames.push(p)
    this.out.fins.push(fin)
  }

  /**
   * A tick's frames go out in one write: one syscall per socket, not one per frame (ws has no door for corking, so
   * its socket is reached directly), and one callback for them all, since a socket writes in order.
   */
  private flush() {
    const out = this.out
    if (!out) return
    this.out = null
    const { frames, fins } = out
    this.writing.add(frames)
    const done = (e?: Error) => {
      if (this.writing.delete(frames)) this.give(frames)
      if (e) this.drop()
    }
    const socket = (this.ws as unknown as { _socket?: Duplex })._socket
    socket?.cork()
    const last = frames.length - 1
    for (let i = 0; i < last; i++) this.ws.send(frames[i], { binary: true, fin: fins[i] })
    this.ws.send(frames[last], { binary: true, fin: fins[last] }, done)
    socket?.uncork()
  }

  private give(frames: Uint8Array[]) {
    for (const p of frames) {
      this.meter.release(p)
      this.queued -= p.length
      this.drained += p.length
    }
  }

  send(m: RelayMessage) { if (this.open) this.sendFrame(encodeRelay(m)) }

  drop() { this.ws.terminate() }

  /** the socket closed: what it still held is given back, whether or not its writes report */
  released() {
    const held = [...this.writing]
    if (this.out) held.push(this.out.frames)
    this.writing.clear()
    this.out = null
    for (const frames of held) for (const p of frames) this.meter.release(p)
    this.queued = 0
  }

  error(req: number, code: ErrorCode, message: string) { this.send({ op: Op.Error, req, code, message }) }

  member(topic: string, liveFrom = 1): Membership {
    const m: Membership = { joining: 0, held: [], heldBytes: 0, live: false, liveFrom, inflight: [], own: new Set(), after: 0 }
    this.joined.set(topic, m)
    return m
  }

  deliver(topic: string, live: Live) {
    const m = this.joined.get(topic)
    if (!m) return
    if (m.joining) return this.hold(m, { update: live }, live.entry.data.length)
    if (this.isOwn(m, live.entry) || live.entry.seq <= m.after) return
    this.sendFrame(live.frame)
  }

  takesLive(topic: string) { return !!this.joined.get(topic)?.live }

  /** whether this socket was sent `seq` live (or pushed it), so its durable copy is a Stored notice, not an Update */
  gotLive(topic: string, seq: number) {
    const m = this.joined.get(topic)
    return !!m?.live && seq >= m.liveFrom
  }

  deliverLive(topic: string, live: Live) { this.deliverNamed(topic, live.frame, live.entry.seq) }

  deliverStored(topic: string, frame: Uint8Array, to: number) { this.deliverNamed(topic, frame, to) }

  /** a frame about entries up to `seq`: not for a socket whose State already held them */
  private deliverNamed(topic: string, frame: Uint8Array, seq: number) {
    const m = this.joined.get(topic)
    if (!m) return
    if (m.joining) return this.hold(m, { frame, seq }, frame.length)
    if (seq > m.after) this.sendFrame(frame)
  }

  private hold(m: Membership, h: Held, bytes: number) {
    m.held.push(h)
    m.heldBytes += bytes
    if (m.heldBytes > this.limits.maxBuffered) this.drop()
  }

  /** a join's State is out: what came live meanwhile follows it */
  settle(topic: string, m: Membership, head?: number) {
    if (head !== undefined) m.after = Math.max(m.after, head)
    if (--m.joining) return
    const held = m.held
    m.held = []
    m.heldBytes = 0
    for (const h of held) {
      if ('update' in h) this.deliver(topic, h.update)
      else this.deliverNamed(topic, h.frame, h.seq)
    }
  }

  private isOwn(m: Membership, e: Entry) {
    if (m.own.delete(e.seq)) return true
    // live entries come in seq order, so an echo older than this one will never come
    for (const seq of m.own) if (seq < e.seq) m.own.delete(seq)
    const flight = m.inflight.find((f) => !f.echoed && sameBytes(f.data, e.data))
    if (!flight) return false
    flight.echoed = true
    return true
  }

  /** runs a push for this membership, so its live echo isn't sent back to it */
  async pushing(m: Membership, data: Uint8Array, append: () => Promise<{ seq: number; duplicate: boolean }>) {
    const flight: Flight = { data, echoed: false }
    m.inflight.push(flight)
    try {
      const r = await append()
      if (!flight.echoed && !r.duplicate) m.own.add(r.seq)
      // without live echoes (a lost subscription) the set would only grow
      if (m.own.size > 1024) m.own.delete(m.own.values().next().value!)
      return r
    } finally {
      m.inflight.splice(m.inflight.indexOf(flight), 1)
    }
  }
}
