import { Redis } from 'ioredis'
import { Hub } from './hub.ts'
import { quietLog } from '../log.ts'
import { APPEND, HEAD, HISTORY_HEAD, PAGE, SNAPSHOT, TOPIC_KEYS } from './redis-lua.ts'
import { checkKeyPart, KEPT_SNAPSHOTS, newEpoch, noNewRooms, relayFull, roomFull, storeCeiling, storeLimits, type Entry, type RelayStore, type StoreLimits, type StoreOptions } from './store.ts'

const DEDUPE_TTL = 7 * 24 * 3600
/** entries per PAGE call at most */
const PAGE_ENTRIES = 1000
/** a read whose log was trimmed under it (a snapshot meanwhile) starts over, this many times at most */
const READ_TRIES = 3

type Script = (...args: (string | Buffer | number)[]) => Promise<unknown>

/** every room's bytes together (see storeCeiling) */
const heldKey = (prefix: string) => `${prefix}held`

const keys = (prefix: string, t: string) => {
  // one hash tag per topic, so a Redis Cluster would keep a topic's keys on one node
  const k = `${prefix}{${t}}:`
  return {
    log: k + 'log', seq: k + 'seq', bytes: k + 'bytes', total: k + 'total', base: k + 'base',
    cur: k + 's1', prev: k + 's0', kept: k + 'kept', points: k + 'points', epoch: k + 'epoch', live: k + 'live', dedupe: (id: string) => k + 'd:' + id,
    held: heldKey(prefix),
  }
}
type Keys = ReturnType<typeof keys>
const topicKeys = (k: Keys) => TOPIC_KEYS.map((name) => k[name])

const COLON = 0x3a
/** a live message is `<seq>:<data>`, published by the append script */
const parseLive = (message: Buffer): Entry | null => {
  const at = message.indexOf(COLON)
  const seq = Number(message.subarray(0, at).toString())
  return at > 0 && Number.isSafeInteger(seq) ? { seq, data: message.subarray(at + 1) } : null
}

const bytesOf = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength)

/** Redis when REDIS_URL is set: several instances serve the same rooms, and any one may die. */
export const openRedis = async (url: string, given: Partial<StoreLimits> = {}, prefix = 'hearth:', options: StoreOptions = {}): Promise<RelayStore> => {
  const limits = storeLimits(given)
  const ceiling = storeCeiling(limits)
  const now = options.now ?? Date.now
  const complain = quietLog('relay: redis')
  let closing = false
  // once closing, a listener leaving late or a connection ending is expected, not news
  const log = (what: string, e: unknown) => { if (!closing) complain(what, e) }
  // a tick's appends go to Redis in one write, each still answered (and acknowledged) on its own reply
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true })
  const sub = redis.duplicate({ enableAutoPipelining: false })
  // reads (a room's snapshot can be megabytes) on their own connection, so no write waits behind one
  const reader = redis.duplicate({ enableAutoPipelining: false })
  redis.on('error', (e) => log('commands', e))
  sub.on('error', (e) => log('subscriber', e))
  reader.on('error', (e) => log('reader', e))
  redis.defineCommand('hearthAppend', { numberOfKeys: TOPIC_KEYS.length + 1, lua: APPEND })
  redis.defineCommand('hearthSnapshot', { numberOfKeys: TOPIC_KEYS.length, lua: SNAPSHOT })
  reader.defineCommand('hearthHead', { numberOfKeys: 3, lua: HEAD, readOnly: true })
  reader.defineCommand('hearthHistory', { numberOfKeys: 5, lua: HISTORY_HEAD, readOnly: true })
  reader.defineCommand('hearthPage', { numberOfKeys: 1, lua: PAGE, readOnly: true })
  const script = (name: string, on = redis) => (on as unknown as Record<string, Script>)[`${name}Buffer`].bind(on)
  const appendScript = script('hearthAppend')
  const snapshotScript = script('hearthSnapshot')
  const headScript = script('hearthHead', reader)
  const pageScript = script('hearthPage', reader)
  const historyScript = script('hearthHistory', reader)
  await redis.ping()
  // a Redis from before the count was kept is counted once (instances starting together count alike)
  if (!(await redis.exists(heldKey(prefix)))) {
    let sum = 0
    const glob = prefix.replace(/[*?[\]\\]/g, '\\$&')
    for await (const batch of redis.scanStream({ match: `${glob}{*}:bytes`, count: 500 }) as AsyncIterable<string[]>) {
      const values = batch.length ? await redis.mget(batch) : []
      for (const v of values) sum += Number(v ?? 0)
    }
    await redis.set(heldKey(prefix), sum, 'NX')
  }

  // a channel's SUBSCRIBE reply, so a read can wait until no publish can slip past its listener
  const subscribed = new Map<string, Promise<unknown>>()
  const hub = new Hub<Buffer>({
    first: (channel) => subscribed.set(channel, sub.subscribe(channel).catch((e) => log('subscribe', e))),
    last: (channel) => {
      subscribed.delete(channel)
      if (!closing) sub.unsubscribe(channel).catch((e) => log('unsubscribe', e))
    },
  })
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => hub.emit(channel.toString(), message))
  const ephemeral = (channel: string) => `${prefix}e:${channel}`

  const waitSubscribed = async (channel: string) => {
    const ready = subscribed.get(channel)
    if (ready) await Promise.race([ready, new Promise((ok) => setTimeout(ok, 5000).unref())])
  }

  /**
   * From the current snapshot (a join), or from the oldest kept point (history: see KEPT). `have`: the seq of the
   * current snapshot the caller holds already, whose bytes are then left out.
   */
  const read = async (t: string, since: number, have: number | undefined, kept: boolean) => {
    checkKeyPart('topic', t)
    const k = keys(prefix, t)
    await waitSubscribed(k.live)
    for (let attempt = 1; ; attempt++) {
      const first = kept ? historyScript(k.seq, k.cur, k.epoch, k.points, k.kept, since) : headScript(k.seq, k.cur, k.epoch, since, have ?? 0)
      const [head, snapSeq, snapData, epoch, snapLength] = await first as [number, number, Buffer, Buffer, number]
      const snapshot = snapSeq ? { seq: snapSeq, data: snapData } : null
      const updates: Entry[] = []
      let bytes = snapshot ? snapLength : 0
      let more = false
      // a topic's log has no gaps (INCR and XADD go together) from its oldest kept point on, and the snapshot
      // or since is never below that: an entry missing from where a page starts was trimmed after the head was read
      let torn = false
      let next = (snapshot?.seq ?? since) + 1
      while (next <= head) {
        const count = Math.min(PAGE_ENTRIES, limits.stateEntries - updates.length)
        if (count <= 0) { more = true; break }
        // the State's first entry goes whatever its size (see fits)
        const first = !updates.length && !snapshot
        const page = await pageScript(k.log, next, head, count, Math.max(0, limits.stateBytes - bytes), first ? 1 : 0) as [number, ...(number | Buffer)[]]
        const entries: Entry[] = []
        for (let i = 1; i < page.length; i += 2) entries.push({ seq: page[i] as number, data: page[i + 1] as Buffer })
        if (entries.some((e, i) => e.seq !== next + i) || (!entries.length && !page[0])) { torn = true; break }
        for (const e of entries) { updates.push(e); bytes += e.data.length }
        if (page[0]) { more = true; break }
        if (entries.length < count) break
        next = entries[entries.length - 1].seq + 1
      }
      if (torn && attempt < READ_TRIES) continue
      return { head, snapshot, updates, epoch: epoch.toString(), more }
    }
  }

  return {
    async append(t, id, data) {
      checkKeyPart('topic', t)
      checkKeyPart('id', id)
      const k = keys(prefix, t)
      const [seq, flag] = await appendScript(...topicKeys(k), k.dedupe(id), bytesOf(data), id, limits.topicBytes, DEDUPE_TTL, k.live, now(), limits.keepMs, limits.storeBytes, ceiling, newEpoch()) as [number, number]
      if (flag === 2) throw roomFull()
      if (flag === 3) throw noNewRooms()
      if (flag === 4) throw relayFull()
      return { seq, duplicate: flag === 1 }
    },
    read: (t, since, have) => read(t, since, have, false),
    history: (t, since) => read(t, since, undefined, true),
    async snapshot(t, seq, data) {
      checkKeyPart('topic', t)
      const k = keys(prefix, t)
      const stored = await snapshotScript(...topicKeys(k), seq, bytesOf(data), limits.topicBytes, now(), limits.keepMs, KEPT_SNAPSHOTS, ceiling)
      if (stored === 2) throw relayFull()
      return stored === 1 ? 'stored' : 'stale'
    },
    subscribe(t, listener) {
      return hub.add(keys(prefix, t).live, (message) => {
        const entry = parseLive(message)
        if (entry) listener(entry)
      })
    },
    publish(channel, message) {
      redis.publish(ephemeral(channel), typeof message === 'string' ? message : bytesOf(message)).catch((e) => log('publish', e))
    },
    listen: (channel, listener) => hub.add(ephemeral(channel), listener),
    async close() {
      closing = true
      const quit = Promise.all([redis.quit(), sub.quit(), reader.quit()]).catch(() => {})
      await Promise.race([quit, new Promise((ok) => setTimeout(ok, 1000))])
      redis.disconnect()
      sub.disconnect()
      reader.disconnect()
    },
  }
}
