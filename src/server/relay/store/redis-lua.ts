/**
 * The Redis store's scripts. Each runs atomically, so instances sharing one Redis never race on a topic.
 * Stream ids are `<seq>-1`; every entry carries `c`, the topic's running total of appended bytes, so a
 * trim knows what it freed without reading every entry it drops.
 *
 * Superseded history (see KEPT in store.ts): `kept` is a hash of superseded snapshots by seq, and `points`
 * a list of "seq:len:until", oldest first, whose first entry may be "0:0:until" (the empty room before the
 * first snapshot). The log is kept from the oldest point on. The current snapshot is the hash `cur`
 * (seq, d, v=2); one without v was written before history was kept, with its previous snapshot in `prev`.
 *
 * `held` counts every room's bytes together (see storeCeiling): the scripts move it by what they change.
 * It is one key outside the topic's hash tag, so these scripts want one Redis, not a Cluster.
 */

/** KEYS shared by APPEND and SNAPSHOT, in this order */
export const TOPIC_KEYS = ['log', 'seq', 'bytes', 'base', 'cur', 'kept', 'points', 'prev', 'total', 'held', 'epoch'] as const

const PRELUDE = `
local LOG, SEQ, BYTES, BASE, CUR, KEPT, POINTS, PREV, TOTAL, HELD, EPOCH = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11]
local bytes = tonumber(redis.call('GET', BYTES) or '0')
local bytes0 = bytes
local held0 = tonumber(redis.call('GET', HELD) or '0')
-- every room's bytes together, as this script has changed them so far
local function held() return held0 + bytes - bytes0 end
local function save()
  redis.call('SET', BYTES, bytes)
  if bytes ~= bytes0 then redis.call('INCRBY', HELD, bytes - bytes0) end
end
local function num(n) return string.format('%d', n) end
local function cumulative(seq)
  local e = redis.call('XRANGE', LOG, num(seq) .. '-1', num(seq) .. '-1')
  if #e == 0 then return nil end
  local f = e[1][2]
  for i = 1, #f, 2 do if f[i] == 'c' then return tonumber(f[i + 1]) end end
  return nil
end
-- drops the log up to and including upto; returns the bytes that frees
local function trim(upto)
  local c = cumulative(upto)
  redis.call('XTRIM', LOG, 'MINID', num(upto + 1) .. '-0')
  if not c then return 0 end
  local base = tonumber(redis.call('GET', BASE) or '0')
  redis.call('SET', BASE, c)
  return c - base
end
local function point(p)
  local s, l, u = string.match(p, '^(%d+):(%d+):(%d+)$')
  return tonumber(s), tonumber(l), tonumber(u)
end
local function format(s, l, u) return num(s) .. ':' .. num(l) .. ':' .. num(u) end
local function curSeq() return tonumber(redis.call('HGET', CUR, 'seq') or '0') end
local function upgrade(expires)
  if redis.call('EXISTS', CUR) == 0 or redis.call('HEXISTS', CUR, 'v') == 1 then return end
  local prev = redis.call('HMGET', PREV, 'seq', 'd')
  if prev[1] then
    redis.call('HSET', KEPT, prev[1], prev[2])
    redis.call('RPUSH', POINTS, format(tonumber(prev[1]), string.len(prev[2]), expires))
    redis.call('DEL', PREV)
  else
    redis.call('RPUSH', POINTS, format(0, 0, expires))
  end
  redis.call('HSET', CUR, 'v', 2)
end
-- the oldest point goes, with the log up to the next one (or the current snapshot), which that one covers
local function dropOldest()
  local s, l = point(redis.call('LPOP', POINTS))
  if s > 0 then redis.call('HDEL', KEPT, num(s)) end
  local upto = curSeq()
  local nxt = redis.call('LINDEX', POINTS, 0)
  if nxt then upto = point(nxt) end
  bytes = bytes - l - trim(upto)
end
-- history goes when its time is up, or while the room (or the whole store) can't take need more bytes
local function release(now, need, quota, ceiling)
  while true do
    local p = redis.call('LINDEX', POINTS, 0)
    if not p then return end
    local _, _, u = point(p)
    if u > now and bytes + need <= quota and held() + need <= ceiling then return end
    dropOldest()
  end
end
-- past most points, the second-oldest goes (its snapshot only) and hands its time on
local function thin(most)
  while redis.call('LLEN', POINTS) > most do
    local s1, l1, u1 = point(redis.call('LINDEX', POINTS, 0))
    local s2, l2, u2 = point(redis.call('LINDEX', POINTS, 1))
    redis.call('HDEL', KEPT, num(s2))
    bytes = bytes - l2
    redis.call('LSET', POINTS, 0, format(s1, l1, math.max(u1, u2)))
    redis.call('LSET', POINTS, 1, '-')
    redis.call('LREM', POINTS, 1, '-')
  end
end
`

/**
 * KEYS: TOPIC_KEYS, dedupe. ARGV: data, id, quota, ttl seconds, channel, now, keep ms, store budget, store ceiling,
 * an epoch for the topic if it has none yet (its first entry, or one stored before epochs).
 * Returns {seq, 0 new | 1 duplicate | 2 room full | 3 no new rooms | 4 store full}.
 */
export const APPEND = PRELUDE + `
local seen = redis.call('GET', KEYS[12])
if seen then return {tonumber(seen), 1} end
local len = string.len(ARGV[1])
local quota, now, keep, budget, ceiling = tonumber(ARGV[3]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
if redis.call('EXISTS', SEQ) == 0 and held() + len > budget then return {0, 3} end
upgrade(now + keep)
release(now, len, quota, ceiling)
local refused = 0
if bytes + len > quota then refused = 2 elseif held() + len > ceiling then refused = 4 end
if refused > 0 then
  save()
  return {0, refused}
end
local seq = redis.call('INCR', SEQ)
local total = redis.call('INCRBY', TOTAL, len)
redis.call('XADD', LOG, num(seq) .. '-1', 'd', ARGV[1], 'i', ARGV[2], 'c', total)
redis.call('SET', KEYS[12], seq, 'EX', ARGV[4])
bytes = bytes + len
save()
redis.call('SET', EPOCH, ARGV[10], 'NX')
redis.call('PUBLISH', ARGV[5], num(seq) .. ':' .. ARGV[1])
return {seq, 0}
`

/** KEYS: TOPIC_KEYS. ARGV: seq, data, quota, now, keep ms, most kept points, store ceiling. Returns 1 stored, 0 stale, 2 store full. */
export const SNAPSHOT = PRELUDE + `
local seq = tonumber(ARGV[1])
local quota, now, keep, ceiling = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[7])
local head = tonumber(redis.call('GET', SEQ) or '0')
local cur = curSeq()
if seq <= cur or seq > head then return 0 end
upgrade(now + keep)
local n = string.len(ARGV[2])
if held() + n > ceiling then
  -- at the ceiling, only a snapshot that frees at least what it adds, once the room's history goes
  local free = redis.call('HSTRLEN', CUR, 'd')
  for _, p in ipairs(redis.call('LRANGE', POINTS, 0, -1)) do
    local _, l = point(p)
    free = free + l
  end
  local c = cumulative(seq)
  if c then free = free + c - tonumber(redis.call('GET', BASE) or '0') end
  if n > free then return 2 end
end
-- the snapshot it supersedes (or the empty room) is kept, with the log under it
if cur > 0 then
  local d = redis.call('HGET', CUR, 'd')
  redis.call('HSET', KEPT, num(cur), d)
  redis.call('RPUSH', POINTS, format(cur, string.len(d), now + keep))
else
  redis.call('RPUSH', POINTS, format(0, 0, now + keep))
end
redis.call('DEL', CUR)
redis.call('HSET', CUR, 'seq', seq, 'd', ARGV[2], 'v', 2)
bytes = bytes + n
thin(tonumber(ARGV[6]))
release(now, 0, quota, ceiling)
save()
return 1
`

/**
 * A read's first step (the rest is PAGE, page by page, so no one call holds a room's whole tail).
 * KEYS: seq, current snapshot, epoch. ARGV: since, the seq of a snapshot the caller holds (0 for none).
 * Returns {head, snapshot seq or 0, snapshot data (if newer than since, and not the one held), epoch, snapshot length}.
 */
export const HEAD = `
local out = {tonumber(redis.call('GET', KEYS[1]) or '0'), 0, '', redis.call('GET', KEYS[3]) or '', 0}
local seq = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
if seq > tonumber(ARGV[1]) then
  out[2] = seq
  out[5] = redis.call('HSTRLEN', KEYS[2], 'd')
  if seq ~= tonumber(ARGV[2] or '0') then out[3] = redis.call('HGET', KEYS[2], 'd') end
end
return out
`

/**
 * One page of a topic's log, from seq ARGV[1] to ARGV[2], at most ARGV[3] entries and ARGV[4] bytes (the first entry
 * goes whatever its size when ARGV[5] is 1). Entries are taken one XRANGE at a time, so a page never holds more
 * than its budget and one entry. KEYS: log. Returns {1 if the budget stopped it else 0, seq, data, seq, data, ...}.
 */
export const PAGE = `
local nxt, last, count, budget, first = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5] == '1'
local out = {0}
local bytes, n = 0, 0
while n < count and nxt <= last do
  local e = redis.call('XRANGE', KEYS[1], string.format('%d-0', nxt), string.format('%d-1', last), 'COUNT', 1)
  if #e == 0 then break end
  local seq = tonumber(string.match(e[1][1], '^(%d+)'))
  local d = e[1][2][2]
  if bytes + string.len(d) > budget and not (n == 0 and first) then
    out[1] = 1
    break
  end
  out[#out + 1] = seq
  out[#out + 1] = d
  bytes = bytes + string.len(d)
  n = n + 1
  nxt = seq + 1
end
return out
`

/**
 * HEAD for a history read: the oldest kept point's snapshot (none for the empty room), or the current one when
 * nothing is kept. KEYS: seq, current snapshot, epoch, points, kept. ARGV: since. Returns as HEAD.
 */
export const HISTORY_HEAD = `
local out = {tonumber(redis.call('GET', KEYS[1]) or '0'), 0, '', redis.call('GET', KEYS[3]) or '', 0}
local p = redis.call('LINDEX', KEYS[4], 0)
local seq, d
if p then
  seq = tonumber(string.match(p, '^(%d+):'))
  if seq > 0 then d = redis.call('HGET', KEYS[5], string.format('%d', seq)) end
else
  seq = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
  if seq > 0 then d = redis.call('HGET', KEYS[2], 'd') end
end
if seq > tonumber(ARGV[1]) and d then
  out[2] = seq
  out[3] = d
  out[5] = string.len(d)
end
return out
`
