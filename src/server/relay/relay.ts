import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { topicOf, verifyWrite } from '../../crypto/index.ts'
import { decodeClient, encodeRelay, Op, PUSH_ID, PUSH_OPS, readProof, TOPIC, type ClientMessage, type Entry } from '../../protocol/index.ts'
import { addressOf } from '../address.ts'
import { keepAlive } from '../alive.ts'
import { byteWindow } from './budget.ts'
import { Conn, type Membership } from './conn.ts'
import { ackFrame, bytesOf, entryFrame, reqOf, stateParts } from './frames.ts'
import { DEFAULT_RELAY_LIMITS, type RelayLimits } from './limits.ts'
import { publicOrigin, type PublicOrigin } from './here.ts'
import { quietLog } from './log.ts'
import { durable, dropEarly, liveRoom, passOn, type LiveRoom } from './live.ts'
import { pushOps, type Push } from './push/index.ts'
import { queueMeter, sweepQueues } from './queue.ts'
import { snapshotCache } from './snapshots.ts'
import { RelayError, type RelayStore } from './store/index.ts'

type Msg<O extends Op> = Extract<ClientMessage, { op: O }>

const refuse = (code: RelayError['code'], message: string): never => { throw new RelayError(code, message) }

const presence = (topic: string) => `presence/${topic}`

/**
 * The blind relay's websocket endpoint: it checks keys, bounds and rates, and passes sealed bytes to and from the store.
 * Origin is checked before an upgrade reaches it (main.ts).
 */
export const createRelay = (store: RelayStore, limits: RelayLimits = DEFAULT_RELAY_LIMITS, origin: PublicOrigin = publicOrigin(undefined, false), push: Push | null = null) => {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload })
  const log = quietLog('relay:')
  // who sent a Say, so its own message isn't passed back to it on any instance
  const instance = randomBytes(12)
  let nextId = 0
  const conns = new Set<Conn>()
  /** reading: a room's reads go one after another, so the first reads its snapshot and the rest share it */
  const rooms = new Map<string, LiveRoom & { off: () => void; reading: Promise<unknown> }>()
  const addresses = new Map<string, { sockets: number; topics: Map<string, number> }>()
  const stored = byteWindow(limits.bytesPerAddressPerHour)
  const meter = queueMeter()
  const snapshots = snapshotCache(limits.snapshotCache)
  /** memberships with a History read under way */
  const historyRead = new WeakSet<Membership>()

  const fanOut = (topic: string, entry: Entry) => {
    const room = rooms.get(topic)
    if (room) durable(room, topic, entry, () => ({ entry, frame: entryFrame(Op.Update, topic, entry.seq, entry.data) }))
  }

  const hear = (topic: string, message: Buffer) => {
    const room = rooms.get(topic)
    if (!room || message.length < 16) return
    const fromHere = message.subarray(0, 12).equals(instance)
    const sender = message.readUInt32BE(12)
    const frame = encodeRelay({ op: Op.Heard, topic, data: message.subarray(16) })
    for (const c of room.conns) if (!(fromHere && c.id === sender)) c.sendFrame(frame)
  }

  const enter = (c: Conn, topic: string) => {
    let room = rooms.get(topic)
    if (!room) {
      // presence first: a join's read waits for the entries subscription, so both are live by its State
      const offPresence = store.listen(presence(topic), (m) => hear(topic, m))
      const offEntries = store.subscribe(topic, (e) => fanOut(topic, e))
      room = { conns: new Set(), ...liveRoom(), off: () => { offEntries(); offPresence(); snapshots.drop(topic) }, reading: Promise.resolve() }
      rooms.set(topic, room)
    }
    room.conns.add(c)
    const topics = addresses.get(c.address)!.topics
    topics.set(topic, (topics.get(topic) ?? 0) + 1)
  }

  const exit = (c: Conn, topic: string) => {
    const member = c.joined.get(topic)
    if (!c.joined.delete(topic)) return
    const room = rooms.get(topic)
    if (room && member?.live) room.takers--
    if (room?.conns.delete(c) && !room.conns.size) {
      room.off()
      rooms.delete(topic)
    }
    const topics = addresses.get(c.address)?.topics
    const n = topics?.get(topic) ?? 0
    if (n > 1) topics!.set(topic, n - 1)
    else topics?.delete(topic)
  }

  const checkRoomFor = (c: Conn, topic: string) => {
    if (c.joined.has(topic)) return
    if (c.joined.size >= limits.topicsPerSocket) refuse('too-many-topics', `One connection may join at most ${limits.topicsPerSocket} rooms.`)
    const topics = addresses.get(c.address)!.topics
    if (!topics.has(topic) && topics.size >= limits.topicsPerAddress) refuse('too-many-topics', `One address may join at most ${limits.topicsPerAddress} rooms.`)
  }

  /** the store's read, with the snapshot from the cache when the store has the same one */
  const readOnce = async (topic: string, since: number): ReturnType<RelayStore['read']> => {
    const have = snapshots.seqOf(topic)
    const state = await store.read(topic, since, have)
    if (!state.snapshot) return state
    if (state.snapshot.seq !== have) {
      snapshots.put(topic, state.epoch, state.snapshot)
      return state
    }
    const data = snapshots.get(topic, state.epoch, have)
    if (data) return { ...state, snapshot: { seq: have, data } }
    // another epoch under the same seq (a store that lost the room): read it whole
    snapshots.drop(topic)
    return readOnce(topic, since)
  }

  /** runs a read after the room's others, so one room's reads never pile up in memory at once */
  const inTurn = <T>(topic: string, work: () => Promise<T>) => {
    const room = rooms.get(topic)!
    const done = room.reading.then(work)
    room.reading = done.catch(() => {})
    return done
  }

  const read = (topic: string, since: number) => inTurn(topic, () => readOnce(topic, since))

  const join = async (c: Conn, m: Msg<Op.Join>) => {
    if (!(c.joined.has(m.topic) ? c.rejoins : c.joins).take()) refuse('rate-limited', 'Too many joins on this connection; slow down.')
    if (!TOPIC.test(m.topic)) refuse('bad-topic', 'That is not a relay topic.')
    if (m.pub.length !== 32) refuse('bad-topic', 'A room write key is 32 bytes.')
    if (topicOf(m.pub) !== m.topic) refuse('bad-topic', 'That key does not belong to this topic.')
    if (!c.origins.some((o) => verifyWrite(m.pub, readProof(c.nonce, m.topic, o), m.sig))) refuse('bad-signature', 'The signature does not prove the room key for this connection.')
    checkRoomFor(c, m.topic)
    if (meter.over(limits)) refuse('rate-limited', 'The relay is busy sending; try again in a moment.')
    const fresh = !c.joined.has(m.topic)
    const member = c.joined.get(m.topic) ?? c.member(m.topic)
    if (fresh) enter(c, m.topic)
    // a socket gets live copies of what is passed on after it asked, never of what went before
    if (fresh || member.live !== (m.live === 1)) member.liveFrom = rooms.get(m.topic)!.passed + 1
    if (member.live !== (m.live === 1)) rooms.get(m.topic)!.takers += m.live === 1 ? 1 : -1
    member.live = m.live === 1
    member.joining++
    // subscribed before reading, so nothing appended meanwhile falls between the State and the live entries
    let head: number | undefined
    try {
      const state = await read(m.topic, m.since)
      if (c.joined.get(m.topic) !== member) refuse('not-joined', 'This connection left the topic before its state was read.')
      if (c.open) c.sendParts(stateParts({ op: Op.State, req: m.req, topic: m.topic, ...state }))
      head = state.head
    } catch (e) {
      // a join that failed leaves nothing behind, unless another join of the same topic is under way
      if (fresh && member.joining === 1 && c.joined.get(m.topic) === member) exit(c, m.topic)
      throw e
    } finally {
      c.settle(m.topic, member, head)
    }
  }

  const memberOf = (c: Conn, topic: string) => c.joined.get(topic) ?? refuse('not-joined', 'Join this topic first.')

  /** as costly as a join's read, and rare for an honest phone: one at a time per room, from a small allowance */
  const history = async (c: Conn, m: Msg<Op.History>) => {
    const member = memberOf(c, m.topic)
    if (historyRead.has(member) || !c.histories.take()) refuse('rate-limited', 'Too many history reads on this connection; slow down.')
    if (meter.over(limits)) refuse('rate-limited', 'The relay is busy sending; try again in a moment.')
    historyRead.add(member)
    try {
      const state = await inTurn(m.topic, () => store.history(m.topic, m.since))
      c.sendParts(stateParts({ op: Op.State, req: m.req, topic: m.topic, ...state }))
    } finally {
      historyRead.delete(member)
    }
  }

  const write = (c: Conn, topic: string, size: number, max: number) => {
    if (!c.writes.take()) refuse('rate-limited', 'Too many writes on this connection; slow down.')
    const member = memberOf(c, topic)
    if (size > max) refuse('too-large', `That is larger than the ${max} bytes the relay takes.`)
    return member
  }

  /** charges what a write would store to its address's hourly budget; the refund is for a write that stored nothing */
  const spend = (c: Conn, bytes: number) =>
    stored.spend(c.network, bytes) ??
    refuse('rate-limited', `This address has stored all the relay takes from it in an hour (${limits.bytesPerAddressPerHour} bytes); try again later.`)

  const pushOp = pushOps(push, memberOf)

  const handle = async (c: Conn, m: ClientMessage) => {
    if (PUSH_OPS.has(m.op)) return pushOp(c, m)
    switch (m.op) {
      case Op.Join:
        return join(c, m)
      case Op.Push: {
        const member = write(c, m.topic, m.data.length, limits.maxUpdate)
        if (!PUSH_ID.test(m.id)) refuse('bad-message', 'A push id is 8 to 32 letters, digits, "-" or "_".')
        const refund = spend(c, m.data.length)
        let r: { seq: number; duplicate: boolean }
        // every check above (rate, membership, size, id, budget) and the store's own (quota, dedupe) come before this
        let early = 0
        const admitted = (seq: number) => {
          const room = rooms.get(m.topic)
          if (room && c.joined.get(m.topic) === member) { early = seq; passOn(room, m.topic, c, seq, m.data) }
        }
        try {
          r = await c.pushing(member, m.data, () => store.append(m.topic, m.id, m.data, admitted))
        } catch (e) {
          refund()
          if (early) dropEarly(rooms.get(m.topic), early)
          throw e
        }
        if (r.duplicate) refund()
        return c.sendFrame(ackFrame(m.req, r.seq))
      }
      case Op.Snapshot: {
        write(c, m.topic, m.data.length, limits.maxSnapshot)
        const refund = spend(c, m.data.length)
        const r = await store.snapshot(m.topic, m.seq, m.data).catch((e) => { refund(); throw e })
        if (r === 'stale') {
          refund()
          refuse('stale-snapshot', 'The relay has a newer snapshot, or that seq is past the head.')
        }
        return c.send({ op: Op.Ack, req: m.req, seq: m.seq })
      }
      case Op.Say: {
        // presence is refreshed every few seconds anyway: past its own bucket a Say is dropped, with no error frame to
        // flood back, and it never takes a token a push needs
        if (!c.says.take()) return
        memberOf(c, m.topic)
        if (m.data.length > limits.maxSay) refuse('too-large', `That is larger than the ${limits.maxSay} bytes the relay takes.`)
        const from = Buffer.alloc(16)
        instance.copy(from)
        from.writeUInt32BE(c.id, 12)
        return store.publish(presence(m.topic), Buffer.concat([from, m.data]))
      }
      case Op.Leave:
        memberOf(c, m.topic)
        return exit(c, m.topic)
      case Op.History:
        return history(c, m)
    }
  }

  const fail = (c: Conn, req: number, e: unknown) => {
    if (e instanceof RelayError) return c.error(req, e.code, e.message)
    log('store failed', e)
    c.error(req, 'unavailable', 'The relay could not reach its storage just now; try again.')
  }

  const onMessage = (c: Conn, raw: RawData, binary: boolean) => {
    if (!binary) return c.error(0, 'bad-message', 'The relay speaks binary frames only.')
    const bytes = bytesOf(raw)
    const m = decodeClient(bytes)
    if (!m) return c.error(reqOf(bytes), 'bad-message', 'That message could not be read.')
    const req = 'req' in m ? m.req : 0
    handle(c, m).catch((e) => fail(c, req, e))
  }

  const connect = (ws: WebSocket, req: IncomingMessage) => {
    const address = addressOf(req)
    const here = addresses.get(address) ?? { sockets: 0, topics: new Map() }
    addresses.set(address, here)
    here.sockets++
    nextId = (nextId + 1) >>> 0
    const c = new Conn(ws, nextId, address, randomBytes(32), limits, meter)
    c.origins = origin(req)
    conns.add(c)
    ws.on('error', () => ws.terminate())
    ws.on('close', () => {
      conns.delete(c)
      c.released()
      for (const topic of [...c.joined.keys()]) exit(c, topic)
      if (--here.sockets === 0) addresses.delete(address)
    })
    // the reason is the code, as in an Error frame: the client words it
    if (here.sockets > limits.socketsPerAddress) return ws.close(1008, 'too-many-sockets' satisfies RelayError['code'])
    alive.watch(ws)
    ws.on('message', (raw, binary) => {
      try { onMessage(c, raw, binary) } catch (e) { fail(c, 0, e) }
    })
    c.send({ op: Op.Challenge, nonce: c.nonce, live: 1 })
  }
  wss.on('connection', connect)

  const alive = keepAlive(wss, limits.pingMs)
  const sweeper = setInterval(() => sweepQueues(conns, meter, limits), Math.min(1000, limits.stallMs / 2))
  sweeper.unref()

  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
    },
    /** rooms with a socket on this instance */
    roomCount: () => rooms.size,
    close() {
      alive.stop()
      clearInterval(sweeper)
      for (const c of conns) c.ws.terminate()
      wss.close()
    },
  }
}
