import { Redis } from 'ioredis'
import { endpointKey, packReminder, unpackReminder, type PushStore, type Reminder, type Subscription, type VapidKeys } from './store.ts'

/** Web Push beside the Redis store: every instance sees the same subscriptions, and a reminder fires on exactly one. */
export const openRedisPush = async (url: string, prefix: string, totals: { subscriptions: number; reminders: number }): Promise<PushStore> => {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 })
  const k = {
    vapid: `${prefix}push:vapid`,
    subCount: `${prefix}push:subscriptions`,
    remCount: `${prefix}push:reminders`,
    due: `${prefix}push:due`,
    subs: (t: string) => `${prefix}push:{${t}}:subs`,
    rems: (t: string) => `${prefix}push:{${t}}:reminders`,
    // a topic's reminders by owner and by address, for their shares
    owned: (t: string, owner: string) => `${prefix}push:{${t}}:owner:${owner}`,
    sent: (t: string, from: string) => `${prefix}push:{${t}}:from:${from}`,
  }
  /** takes a reminder out of its owner's and address's shares */
  const unshare = async (r: Reminder) => {
    if (r.owner) await redis.srem(k.owned(r.topic, r.owner), r.key)
    if (r.from) await redis.srem(k.sent(r.topic, r.from), r.key)
  }
  const total = async (key: string) => Number((await redis.get(key)) ?? 0)

  const drop = async (topic: string, id: string) => {
    const old = await redis.hget(k.rems(topic), id)
    if (old !== null) await unshare(unpackReminder(old))
    const removed = await redis.hdel(k.rems(topic), id)
    await redis.zrem(k.due, `${topic}/${id}`)
    if (removed) await redis.decr(k.remCount)
    return removed > 0
  }

  return {
    vapid: async (make) => {
      const made = make()
      await redis.set(k.vapid, JSON.stringify(made), 'NX')
      return JSON.parse((await redis.get(k.vapid))!) as VapidKeys
    },
    subscribe: async (topic, sub, perTopic) => {
      const field = endpointKey(sub.endpoint)
      const fresh = !(await redis.hexists(k.subs(topic), field))
      if (fresh && ((await total(k.subCount)) >= totals.subscriptions || (await redis.hlen(k.subs(topic))) >= perTopic)) return 'full'
      if (await redis.hset(k.subs(topic), field, JSON.stringify(sub))) await redis.incr(k.subCount)
      return 'stored'
    },
    unsubscribe: async (topic, endpoint) => {
      if (await redis.hdel(k.subs(topic), endpointKey(endpoint))) await redis.decr(k.subCount)
    },
    subscribers: async (topic) => Object.values(await redis.hgetall(k.subs(topic))).map((v) => JSON.parse(v) as Subscription),
    remind: async (r, caps) => {
      const replaced = await drop(r.topic, r.key)
      if (!replaced && ((await total(k.remCount)) >= totals.reminders || (await redis.hlen(k.rems(r.topic))) >= caps.topic)) return 'full'
      // a replacement is its owner's already: it takes no new share
      if (!replaced && r.owner && (await redis.scard(k.owned(r.topic, r.owner))) >= caps.owner) return 'owner-full'
      if (!replaced && r.from && (await redis.scard(k.sent(r.topic, r.from))) >= caps.from) return 'from-full'
      const add = redis.multi().hset(k.rems(r.topic), r.key, packReminder(r)).zadd(k.due, String(r.at), `${r.topic}/${r.key}`).incr(k.remCount)
      if (r.owner) add.sadd(k.owned(r.topic, r.owner), r.key)
      if (r.from) add.sadd(k.sent(r.topic, r.from), r.key)
      await add.exec()
      return 'stored'
    },
    cancel: async (topic, id) => { await drop(topic, id) },
    takeDue: async (now, max) => {
      const out: Reminder[] = []
      for (const member of await redis.zrangebyscore(k.due, '-inf', String(now), 'LIMIT', 0, max)) {
        // whoever removes it from the index sends it: one instance, once
        if (!(await redis.zrem(k.due, member))) continue
        const [topic, id] = member.split('/')
        const v = await redis.hget(k.rems(topic), id)
        if (v === null || !(await redis.hdel(k.rems(topic), id))) continue
        await redis.decr(k.remCount)
        const r = unpackReminder(v)
        await unshare(r)
        out.push(r)
      }
      return out
    },
    nextAt: async () => {
      const first = await redis.zrange(k.due, '0', '0', 'WITHSCORES')
      return first.length ? Number(first[1]) : null
    },
    close: async () => { redis.disconnect() },
  }
}
