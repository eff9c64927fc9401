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
}

/** Web Push beside the embedded store: LevelDB in `push` under the relay's data directory. */
export const openEmbeddedPush = async (dataDir: string, totals: { subscriptions: number; reminders: number }): Promise<PushStore> => {
  const dir = join(dataDir, 'push')
  mkdirSync(dir, { recursive: true })
  const db = new ClassicLevel<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8', compression: false })
  await db.open()
  const count = async (range: { gt: string; lt: string }) => {
    let n = 0
    for await (const _ of db.keys(range)) n++
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
    const r = unpackReminder(old)
    await db.batch([{ type: 'del', key: key.reminder(topic, id) }, { type: 'del', key: key.due(r.at, topic, id) }], sync)
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
    remind: (r, perTopic) => inTurn(async () => {
      const replaced = await dropReminder(r.topic, r.key)
      if (!replaced && (reminders >= totals.reminders || (await count(key.reminders(r.topic))) >= perTopic)) return 'full'
      await db.batch([
        { type: 'put', key: key.reminder(r.topic, r.key), value: packReminder(r) },
        { type: 'put', key: key.due(r.at, r.topic, r.key), value: '' },
      ], sync)
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
      const ops = out.flatMap((r) => [{ type: 'del' as const, key: key.reminder(r.topic, r.key) }, { type: 'del' as const, key: key.due(r.at, r.topic, r.key) }])
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
