import { Redis } from 'ioredis'
import type { Feed, FeedStore, PutResult } from './store.ts'

// each in one script, so two instances can't both create a feed or pass a count
const PUT = `
local h = redis.call('HGET', KEYS[1], 'hash')
local size = string.len(ARGV[2])
local bytes = tonumber(redis.call('GET', KEYS[3]) or '0')
if h then
  if redis.call('HGET', KEYS[1], 'revoked') == '1' then return 'revoked' end
  if h ~= ARGV[1] then return 'taken' end
  local old = redis.call('HSTRLEN', KEYS[1], 'body')
  if bytes - old + size > tonumber(ARGV[5]) then return 'full' end
  redis.call('HSET', KEYS[1], 'body', ARGV[2], 'at', ARGV[3])
  redis.call('INCRBY', KEYS[3], size - old)
  return 'replaced'
end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[4]) or bytes + size > tonumber(ARGV[5])
  or tonumber(redis.call('GET', KEYS[4]) or '0') >= tonumber(ARGV[6]) then return 'full' end
redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'body', ARGV[2], 'at', ARGV[3], 'revoked', '0')
redis.call('INCR', KEYS[2])
redis.call('INCRBY', KEYS[3], size)
return 'created'
`
const REVOKE = `
local h = redis.call('HGET', KEYS[1], 'hash')
if not h then return 'missing' end
if h ~= ARGV[1] then return 'taken' end
if redis.call('HGET', KEYS[1], 'revoked') == '1' then return 'revoked' end
local old = redis.call('HSTRLEN', KEYS[1], 'body')
redis.call('HSET', KEYS[1], 'body', '', 'at', ARGV[2], 'revoked', '1')
redis.call('DECR', KEYS[2])
redis.call('DECRBY', KEYS[3], old)
redis.call('INCR', KEYS[4])
return 'revoked'
`

/** Feeds beside the Redis store: one hash per feed, and the counts every instance shares. */
export const openRedisFeeds = async (url: string, prefix: string): Promise<FeedStore> => {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 })
  const k = {
    feed: (id: string) => `${prefix}feed:${id}`,
    count: `${prefix}feeds:count`,
    bytes: `${prefix}feeds:bytes`,
    revoked: `${prefix}feeds:revoked`,
  }
  const counts = [k.count, k.bytes, k.revoked]
  return {
    get: async (id) => {
      const f = await redis.hgetall(k.feed(id))
      if (!f.hash) return null
      return { hash: f.hash, body: f.body ?? '', at: Number(f.at), revoked: f.revoked === '1' } satisfies Feed
    },
    put: async (id, hash, body, at, totals) =>
      (await redis.eval(PUT, 4, k.feed(id), ...counts, hash, body, String(at), String(totals.feeds), String(totals.bytes), String(totals.revoked))) as PutResult,
    revoke: async (id, hash) =>
      (await redis.eval(REVOKE, 4, k.feed(id), ...counts, hash, String(Date.now()))) as 'revoked' | 'taken' | 'missing',
    close: async () => { redis.disconnect() },
  }
}
