import { Op, PUSH_ID, TOPIC, type ClientMessage } from '../../../protocol/index.ts'
import { bucket } from '../../bucket.ts'
import { networkOf } from '../budget.ts'
import { quietLog } from '../log.ts'
import { RelayError } from '../store/index.ts'
import { endpointAllowed, pushSender, type SendOptions } from './sender.ts'
import { fromKey, ownerKey, reminderKey, type PushLimits, type PushStore } from './store.ts'

export type PushMsg = Extract<ClientMessage, { op: Op.Subscribe | Op.Unsubscribe | Op.Notify | Op.Remind | Op.Schedule | Op.Cancel | Op.AskPushKey }>

/** what the relay tells the push service about the socket a request came on */
export interface Asker {
  /** the connection, the same object for each of its requests: caps are kept per sender */
  conn: object
  address: string
  /** throws RelayError('not-joined') unless this socket proved the room's key for the topic (its join proof) */
  member(topic: string): void
}

const refuse = (code: RelayError['code'], message: string): never => { throw new RelayError(code, message) }
const KEY = /^[A-Za-z0-9_-]{16,128}$/
/** a room-wide push's owner: a secret of the device that scheduled it */
const OWNER = KEY

/**
 * Web Push for the relay: subscriptions per topic, pushes (coalesced, capped per sender), and reminders at their time.
 * Every request but AskPushKey is on a topic this socket joined, so it carries the room's join proof.
 */
export const createPush = async (store: PushStore, limits: PushLimits, options: SendOptions, now: () => number = Date.now) => {
  const log = quietLog('push:')
  // loaded here, not at start: a relay that refuses its settings exits without reading it
  const webpush = (await import('web-push')).default
  const keys = await store.vapid(() => webpush.generateVAPIDKeys())
  const sender = pushSender(webpush, keys, limits, options, (topic, endpoint) => { store.unsubscribe(topic, endpoint).catch((e) => log('a gone subscription stayed', e)) }, log)
  const perAsker = new WeakMap<object, { notify: ReturnType<typeof bucket>; requests: ReturnType<typeof bucket> }>()
  const perAddress = new Map<string, ReturnType<typeof bucket>>()
  /** per topic: a push went out lately; the latest push since then waits for the window's end */
  const windows = new Map<string, { timer: NodeJS.Timeout; latest: { skip: string; data: Uint8Array } | null }>()

  const bucketsOf = (a: Asker) => {
    let b = perAsker.get(a.conn)
    if (!b) perAsker.set(a.conn, (b = { notify: bucket(limits.notifyPerMinute / 60, limits.notifyPerMinute), requests: bucket(limits.requestsPerMinute / 60, limits.requestsPerMinute) }))
    return b
  }
  const addressBucket = (address: string) => {
    const net = networkOf(address)
    let b = perAddress.get(net)
    if (!b) {
      // full buckets say nothing: forget them rather than grow without end
      if (perAddress.size > 10_000) for (const [k, v] of perAddress) if (v.full()) perAddress.delete(k)
      perAddress.set(net, (b = bucket(limits.notifyPerMinutePerAddress / 60, limits.notifyPerMinutePerAddress)))
    }
    return b
  }

  const deliver = async (topic: string, skip: string, data: Uint8Array) => {
    const subs = (await store.subscribers(topic)).filter((s) => s.endpoint !== skip)
    if (subs.length && !sender.send(topic, subs, data)) log('pushes dropped', 'too many waiting')
  }

  const open = (topic: string) => {
    const w = { latest: null as { skip: string; data: Uint8Array } | null, timer: setTimeout(() => close(topic), limits.coalesceMs) }
    w.timer.unref()
    windows.set(topic, w)
  }
  const close = (topic: string) => {
    const w = windows.get(topic)
    windows.delete(topic)
    if (!w?.latest) return
    open(topic)
    deliver(topic, w.latest.skip, w.latest.data).catch((e) => log('a push failed', e))
  }
  /** a burst to one topic becomes its first push now and its latest at the window's end */
  const notify = async (topic: string, skip: string, data: Uint8Array) => {
    const w = windows.get(topic)
    if (w) { w.latest = { skip, data }; return }
    open(topic)
    await deliver(topic, skip, data)
  }

  const checkData = (data: Uint8Array) => {
    if (data.length > limits.maxData) refuse('too-large', `A push is at most ${limits.maxData} sealed bytes.`)
  }
  const checkEndpoint = (endpoint: string) => {
    if (!endpointAllowed(endpoint, options.insecure)) refuse('bad-message', 'That is not a push endpoint this relay sends to.')
  }

  const handle = async (a: Asker, m: PushMsg): Promise<void> => {
    if (m.op === Op.AskPushKey) return
    if (!TOPIC.test(m.topic)) refuse('bad-topic', 'That is not a relay topic.')
    a.member(m.topic)
    const b = bucketsOf(a)
    // a room-wide push reaches everyone, as a Notify does: the same cap per sender
    if (m.op === Op.Notify || m.op === Op.Schedule) {
      if (m.op === Op.Schedule && !OWNER.test(m.owner)) refuse('bad-message', 'A scheduled push\'s owner is 16 to 128 letters, digits, "-" or "_".')
      if (!b.notify.take() || !addressBucket(a.address).take()) refuse('rate-limited', `At most ${limits.notifyPerMinute} pushes a minute from one connection.`)
      checkData(m.data)
      return m.op === Op.Notify ? notify(m.topic, m.skip, m.data) : later(a, m.topic, m.id, m.owner, '', m.at, m.data)
    }
    if (!b.requests.take()) refuse('rate-limited', 'Too many push requests on this connection; slow down.')
    switch (m.op) {
      case Op.Subscribe:
        checkEndpoint(m.endpoint)
        if (!KEY.test(m.p256dh) || !KEY.test(m.auth)) refuse('bad-message', 'Those are not a push subscription\'s keys.')
        if (await store.subscribe(m.topic, { endpoint: m.endpoint, p256dh: m.p256dh, auth: m.auth }, limits.subscriptionsPerTopic) === 'full')
          refuse('push-full', 'This room has as many push subscriptions as the relay keeps.')
        return
      case Op.Unsubscribe:
        return store.unsubscribe(m.topic, m.endpoint)
      case Op.Remind:
        checkData(m.data)
        if (!(await store.subscribers(m.topic)).some((s) => s.endpoint === m.endpoint)) refuse('bad-message', 'Subscribe that endpoint to the room first.')
        return later(a, m.topic, m.id, m.endpoint, m.endpoint, m.at, m.data)
      case Op.Cancel:
        if (!PUSH_ID.test(m.id) || m.owner.length < 16 || m.owner.length > 1024) refuse('bad-message', 'That is not a reminder this relay keeps.')
        return store.cancel(m.topic, reminderKey(m.topic, m.owner, m.id))
    }
  }

  /**
   * A push kept until `at`: to `endpoint`, or to every subscriber (''). Each owner and each address holds at most its
   * share of the topic, so one member can't take every slot; a room-wide one is due within a proposal's time.
   */
  const later = async (a: Asker, topic: string, id: string, owner: string, endpoint: string, at: number, data: Uint8Array) => {
    if (!PUSH_ID.test(id)) refuse('bad-message', 'A reminder id is 8 to 32 letters, digits, "-" or "_".')
    const roomWide = endpoint === ''
    if (at > now() + (roomWide ? limits.scheduleAheadMs : limits.maxAheadMs)) refuse('bad-message', 'That reminder is too far ahead.')
    const caps = roomWide
      ? { topic: limits.remindersPerTopic, owner: limits.schedulesPerOwner, from: limits.schedulesPerAddress }
      : { topic: limits.remindersPerTopic, owner: limits.remindersPerEndpoint, from: limits.remindersPerAddress }
    const r = { topic, key: reminderKey(topic, owner, id), endpoint, at, data, owner: ownerKey(topic, owner), from: fromKey(topic, roomWide, networkOf(a.address)) }
    const done = await store.remind(r, caps)
    if (done === 'full') refuse('push-full', 'This room has as many reminders as the relay keeps.')
    if (done === 'owner-full') refuse('push-full', `At most ${caps.owner} pending ${roomWide ? 'room-wide pushes per owner' : 'reminders per endpoint'} in a room.`)
    if (done === 'from-full') refuse('push-full', `At most ${caps.from} pending ${roomWide ? 'room-wide pushes' : 'reminders'} per address in a room.`)
    return wake()
  }

  // reminders: one timer, set for the earliest due (or a minute, so another instance's reminders are seen too)
  let timer: NodeJS.Timeout | null = null
  let stopped = false
  let running: Promise<void> = Promise.resolve()
  const fire = async () => {
    for (;;) {
      const due = await store.takeDue(now(), 100)
      for (const r of due) {
        // a room-wide one is a Notify at its time: a burst due at once coalesces per topic as pushes do
        if (!r.endpoint) { await notify(r.topic, '', r.data); continue }
        const subs = (await store.subscribers(r.topic)).filter((s) => s.endpoint === r.endpoint)
        if (subs.length) sender.send(r.topic, subs, r.data)
      }
      if (due.length < 100) break
    }
  }
  const wake = () => {
    running = running.then(async () => {
      if (stopped) return
      if (timer) clearTimeout(timer)
      await fire().catch((e) => log('reminders failed', e))
      const at = await store.nextAt().catch(() => null)
      if (stopped) return
      const wait = Math.max(0, Math.min(60_000, (at ?? Infinity) - now()))
      timer = setTimeout(wake, wait)
      timer.unref()
    })
    return running
  }
  await wake()

  return {
    publicKey: keys.publicKey,
    handle,
    /** runs due reminders now (tests that move the clock) */
    wake,
    idle: () => sender.idle(),
    async close() {
      stopped = true
      if (timer) clearTimeout(timer)
      for (const w of windows.values()) clearTimeout(w.timer)
      await running
      await store.close()
    },
  }
}

export type Push = Awaited<ReturnType<typeof createPush>>
