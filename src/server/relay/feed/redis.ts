import { Redis } from 'ioredis'
import type { Feed, FeedStore, PutResult } from './store.ts'

// each in one script, so two instances can't both create a feed or pass a count
// KEYS: the feed, its count, bytes, revoked count, the live feeds by when last seen, the revoked by when revoked
const PUT = `
local h = redis.call('HGET', KEYS[1], 'hash')
local size = string.len(ARGV[2])
local bytes = tonumber(redis.call('GET', KEYS[3]) or '0')
if h then
  if redis.call('HGET', KEYS[1], 'revoked') == '1' then return 'revoked' end
  if h ~= ARGV[1] then return 'taken' end
  local old = redis.call('HSTRLEN', KEYS[1], 'body')
  if size > old and bytes - old + size > tonumber(ARGV[5]) then return 'full' end
  redis.call('HSET', KEYS[1], 'body', ARGV[2], 'at', ARGV[3], 'seen', ARGV[3])
  redis.call('INCRBY', KEYS[3], size - old)
  redis.call('ZADD', KEYS[5], ARGV[3], KEYS[1])
  return 'replaced'
end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[4]) or bytes + size > tonumber(ARGV[5]) * 0.9
  or tonumber(redis.call('GET', KEYS[4]) or '0') >= tonumber(ARGV[6]) then return 'full' end
redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'body', ARGV[2], 'at', ARGV[3], 'seen', ARGV[3], 'revoked', '0')
redis.call('INCR', KEYS[2])
redis.call('INCRBY', KEYS[3], size)
redis.call('ZADD', KEYS[5], ARGV[3], KEYS[1])
return 'created'
`
const TOUCH = `
if redis.call('HGET', KEYS[1], 'revoked') ~= '0' then return 0 end
redis.call('HSET', KEYS[1], 'seen', ARGV[1])
redis.call('ZADD', KEYS[2], 'GT', ARGV[1], KEYS[1])
return 1
`
const REVOKE = `
local h = redis.call('HGET', KEYS[1], 'hash')
if not h then return 'missing' end
if h ~= ARGV[1] then return 'taken' end
if redis.call('HGET', KEYS[1], 'revoked') == '1' then return 'revoked' end
local old = redis.call('HSTRLEN', KEYS[1], 'body')
redis.call('HSET', KEYS[1], 'body', '', 'at', ARGV[2], 'seen', ARGV[2], 'revoked', '1')
redis.call('DECR', KEYS[2])
redis.call('DECRBY', KEYS[3], old)
redis.call('INCR', KEYS[4])
redis.call('ZREM', KEYS[5], KEYS[1])
redis.call('ZADD', KEYS[6], ARGV[2], KEYS[1])
return 'revoked'
`
// KEYS: count, bytes, revoked count, seen index, revoked index; ARGV: live before, revoked before, max
const EXPIRE = `
local n = 0
for _, f in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))) do
  redis.call('ZREM', KEYS[4], f)
  if redis.call('HGET', f, 'revoked') == '0' then
    redis.call('DECR', KEYS[1])
    redis.call('DECRBY', KEYS[2], redis.call('HSTRLEN', f, 'body'))
    redis.call('DEL', f)
    n = n + 1
  end
end
for _, f in ipairs(redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))) do
  redis.call('ZREM', KEYS[5], f)
  if redis.call('HGET', f, 'revoked') == '1' then
    redis.call('DECR', KEYS[3])
    redis.call('DEL', f)
    n = n + 1
  end
end
return n
`

/** Feeds beside the Redis store: one hash per feed, the counts every instance shares, and two time indexes. */
export const openRedisFeeds = async (url: string, prefix: string): Promise<FeedStore> => {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 })
  const k = {
    feed: (id: string) => `${prefix}feed:${id}`,
    count: `${prefix}feeds:count`,
    bytes: `${prefix}feeds:bytes`,
    revoked: `${prefix}feeds:revoked`,
    seen: `${prefix}feeds:seen`,
    gone: `${prefix}feeds:gone`,
  }
  const counts = [k.count, k.bytes, k.revoked]
  return {
    get: async (id) => {
      const f = await redis.hgetall(k.feed(id))
      if (!f.hash) return null
      return { hash: f.hash, body: f.body ?? '', at: Number(f.at), revoked: f.revoked === '1', ...(f.seen ? { seen: Number(f.seen) } : {}) } satisfies Feed
    },
    put: async (id, hash, body, at, totals) =>
      (await redis.eval(PUT, 5, k.feed(id), ...counts, k.seen, hash, body, String(at), String(totals.feeds), String(totals.bytes), String(totals.revoked))) as PutResult,
    touch: async (id, at) => { await redis.eval(TOUCH, 2, k.feed(id), k.seen, String(at)) },
    revoke: async (id, hash, at) =>
      (await redis.eval(REVOKE, 6, k.feed(id), ...counts, k.seen, k.gone, hash, String(at))) as 'revoked' | 'taken' | 'missing',
    expire: async (liveBefore, revokedBefore, max) =>
      Number(await redis.eval(EXPIRE, 5, ...counts, k.seen, k.gone, String(liveBefore), String(revokedBefore), String(max))),
    close: async () => { redis.disconnect() },
  }
}
