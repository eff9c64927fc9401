import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { endpointKey, packReminder, unpackReminder, type PushStore, type Reminder, type Subscription, type VapidKeys } from './store.ts'

const pad = (n: number) => String(n).padStart(16, '0')
const key = {
  vapid: 'v',
  sub: (t: string, endpoint: string) => `s/${t}/${endpointKey(endpoint)}`,
  subs: (t: string) => ({ gt: `s/${t}/`, lt: `s/${t}/~` }),
  reminder: (t: string, id: string) => `r/${t}/${id}`,
  reminders: (t: string) => ({ gt: `r/${t}/`, lt: `r/${t}/~` }),
  due: (at: number, t: string, id: string) => `t/${pad(at)}/${t}/${id}`,
  // a reminder under its owner's and its address's share of the topic
  owned: (t: string, owner: string, id: string) => `o/${t}/${owner}/${id}`,
  owners: (t: string, owner: string) => ({ gt: `o/${t}/${owner}/`, lt: `o/${t}/${owner}/~` }),
  sent: (t: string, from: string, id: string) => `f/${t}/${from}/${id}`,
  senders: (t: string, from: string) => ({ gt: `f/${t}/${from}/`, lt: `f/${t}/${from}/~` }),
}
/** every key a reminder is kept under */
const keysOf = (r: Reminder) => [
  key.reminder(r.topic, r.key), key.due(r.at, r.topic, r.key),
  ...(r.owner ? [key.owned(r.topic, r.owner, r.key)] : []), ...(r.from ? [key.sent(r.topic, r.from, r.key)] : []),
]

/** Web Push beside the embedded store: LevelDB in `push` under the relay's data directory. */
export const openEmbeddedPush = async (dataDir: string, totals: { subscriptions: number; reminders: number }): Promise<PushStore> => {
  const dir = join(dataDir, 'push')
  mkdirSync(dir, { recursive: true })
  const db = new ClassicLevel<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8', compression: false })
  await db.open()
  const count = async (range: { gt: string; lt: string }, limit = -1) => {
    let n = 0
    for await (const _ of db.keys({ ...range, limit })) n++
    return n
  }
  let subscriptions = await count({ gt: 's/', lt: 's/~' })
  let reminders = await count({ gt: 'r/', lt: 'r/~' })
  // one change at a time, so counts and the time index stay true
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const done = turn.then(work)
    turn = done.catch(() => {})
    return done
  }
  const sync = { sync: true }

  const dropReminder = async (topic: string, id: string) => {
    const old = await db.get(key.reminder(topic, id))
    if (old === undefined) return false
    await db.batch(keysOf(unpackReminder(old)).map((k) => ({ type: 'del' as const, key: k })), sync)
    reminders--
    return true
  }

  return {
    vapid: (make) => inTurn(async () => {
      const have = await db.get(key.vapid)
      if (have !== undefined) return JSON.parse(have) as VapidKeys
      const made = make()
      await db.put(key.vapid, JSON.stringify(made), sync)
      return made
    }),
    subscribe: (topic, sub, perTopic) => inTurn(async () => {
      const k = key.sub(topic, sub.endpoint)
      const fresh = (await db.get(k)) === undefined
      if (fresh && (subscriptions >= totals.subscriptions || (await count(key.subs(topic))) >= perTopic)) return 'full'
      await db.put(k, JSON.stringify(sub), sync)
      if (fresh) subscriptions++
      return 'stored'
    }),
    unsubscribe: (topic, endpoint) => inTurn(async () => {
      const k = key.sub(topic, endpoint)
      if ((await db.get(k)) === undefined) return
      await db.del(k, sync)
      subscriptions--
    }),
    subscribers: async (topic) => {
      const out: Subscription[] = []
      for await (const v of db.values(key.subs(topic))) out.push(JSON.parse(v) as Subscription)
      return out
    },
    remind: (r, caps) => inTurn(async () => {
      const replaced = await dropReminder(r.topic, r.key)
      if (!replaced && (reminders >= totals.reminders || (await count(key.reminders(r.topic), caps.topic)) >= caps.topic)) return 'full'
      // a replacement is its owner's already: it takes no new share
      if (!replaced && r.owner && (await count(key.owners(r.topic, r.owner), caps.owner)) >= caps.owner) return 'owner-full'
      if (!replaced && r.from && (await count(key.senders(r.topic, r.from), caps.from)) >= caps.from) return 'from-full'
      await db.batch(keysOf(r).map((k, i) => ({ type: 'put' as const, key: k, value: i ? '' : packReminder(r) })), sync)
      reminders++
      return 'stored'
    }),
    cancel: (topic, id) => inTurn(async () => { await dropReminder(topic, id) }),
    takeDue: (now, max) => inTurn(async () => {
      const out: Reminder[] = []
      for await (const k of db.keys({ gt: 't/', lt: `t/${pad(now + 1)}`, limit: max })) {
        const [, , topic, id] = k.split('/')
        const v = await db.get(key.reminder(topic, id))
        if (v !== undefined) out.push(unpackReminder(v))
      }
      const ops = out.flatMap((r) => keysOf(r).map((k) => ({ type: 'del' as const, key: k })))
      if (ops.length) await db.batch(ops, sync)
      reminders -= out.length
      return out
    }),
    nextAt: async () => {
      for await (const k of db.keys({ gt: 't/', lt: 't/~', limit: 1 })) return Number(k.split('/')[1])
      return null
    },
    close: () => db.close(),
  }
}
