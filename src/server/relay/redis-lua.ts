/**
 * The Redis store's scripts. Each runs atomically, so instances sharing one Redis never race on a topic.
 * Stream ids are `<seq>-1`; every entry carries `c`, the topic's running total of appended bytes, so a
 * trim knows what it freed without reading every entry it drops.
 */

/** KEYS: log, seq, bytes, total, dedupe. ARGV: data, id, quota, ttl seconds, channel. Returns {seq, 0 new | 1 duplicate | 2 full}. */
export const APPEND = `
local seen = redis.call('GET', KEYS[5])
if seen then return {tonumber(seen), 1} end
local len = string.len(ARGV[1])
local bytes = tonumber(redis.call('GET', KEYS[3]) or '0')
if bytes + len > tonumber(ARGV[3]) then return {0, 2} end
local seq = redis.call('INCR', KEYS[2])
local total = redis.call('INCRBY', KEYS[4], len)
redis.call('XADD', KEYS[1], string.format('%d-1', seq), 'd', ARGV[1], 'i', ARGV[2], 'c', total)
redis.call('SET', KEYS[5], seq, 'EX', ARGV[4])
redis.call('INCRBY', KEYS[3], len)
redis.call('PUBLISH', ARGV[5], string.format('%d:', seq) .. ARGV[1])
return {seq, 0}
`

/** KEYS: log, seq, bytes, current snapshot, previous snapshot, trimmed-bytes base. ARGV: seq, data, pressure bytes. Returns 1 stored, 0 stale. */
export const SNAPSHOT = `
local function cumulative(seq)
  local e = redis.call('XRANGE', KEYS[1], string.format('%d-1', seq), string.format('%d-1', seq))
  if #e == 0 then return nil end
  local f = e[1][2]
  for i = 1, #f, 2 do if f[i] == 'c' then return tonumber(f[i + 1]) end end
  return nil
end
local function trim(upto)
  local c = cumulative(upto)
  redis.call('XTRIM', KEYS[1], 'MINID', string.format('%d-0', upto + 1))
  if not c then return 0 end
  local base = tonumber(redis.call('GET', KEYS[6]) or '0')
  redis.call('SET', KEYS[6], c)
  return c - base
end
local seq = tonumber(ARGV[1])
local head = tonumber(redis.call('GET', KEYS[2]) or '0')
local cur = tonumber(redis.call('HGET', KEYS[4], 'seq') or '0')
if seq <= cur or seq > head then return 0 end
local bytes = tonumber(redis.call('GET', KEYS[3]) or '0') - redis.call('HSTRLEN', KEYS[5], 'd') + string.len(ARGV[2])
redis.call('DEL', KEYS[5])
if cur > 0 then
  bytes = bytes - trim(cur)
  redis.call('RENAME', KEYS[4], KEYS[5])
end
redis.call('HSET', KEYS[4], 'seq', seq, 'd', ARGV[2])
if cur > 0 and bytes > tonumber(ARGV[3]) then
  bytes = bytes - redis.call('HSTRLEN', KEYS[5], 'd') - trim(seq)
  redis.call('DEL', KEYS[5])
end
redis.call('SET', KEYS[3], bytes)
return 1
`

/** KEYS: log, seq, current snapshot. ARGV: since. Returns {head, snapshot seq or 0, snapshot data, seq, data, seq, data, ...}. */
export const READ = `
local since = tonumber(ARGV[1])
local out = {tonumber(redis.call('GET', KEYS[2]) or '0'), 0, ''}
local s = redis.call('HMGET', KEYS[3], 'seq', 'd')
local from = since
if s[1] and tonumber(s[1]) > since then
  out[2] = tonumber(s[1])
  out[3] = s[2]
  from = out[2]
end
for _, e in ipairs(redis.call('XRANGE', KEYS[1], string.format('%d-0', from + 1), '+')) do
  out[#out + 1] = tonumber(string.match(e[1], '^(%d+)'))
  out[#out + 1] = e[2][2]
end
return out
`
