import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { byteSize, type Feed, type FeedStore } from './store.ts'

/** how much of the store's bytes new feeds may take: the rest is kept for feeds that grow */
export const NEW_SHARE = 0.9

const pad = (n: number) => String(n).padStart(16, '0')
// feeds are under their rest key (base64url); the time indexes sort after every one of them
const key = {
  seen: (at: number, id: string) => `~t/${pad(at)}/${id}`,
  gone: (at: number, id: string) => `~r/${pad(at)}/${id}`,
}
const seenOf = (f: Feed) => f.seen ?? f.at

/** Feeds beside the embedded store: LevelDB in `feeds` under the relay's data directory. */
export const openEmbeddedFeeds = async (dataDir: string): Promise<FeedStore> => {
  const dir = join(dataDir, 'feeds')
  mkdirSync(dir, { recursive: true })
  const db = new ClassicLevel<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8', compression: false })
  await db.open()
  let feeds = 0
  let bytes = 0
  let revoked = 0
  for await (const [id, v] of db.iterator({ lt: '~' })) {
    const f = JSON.parse(v) as Feed
    if (f.revoked) revoked++
    else { feeds++; bytes += byteSize(f.body) }
    // kept before the time indexes: indexed now, so it can expire too
    if (f.seen === undefined) await db.put(f.revoked ? key.gone(f.at, id) : key.seen(f.at, id), '')
  }
  // one change at a time, so the counts stay true
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const done = turn.then(work)
    turn = done.catch(() => {})
    return done
  }
  const sync = { sync: true }
  const get = async (id: string) => {
    const v = await db.get(id)
    return v === undefined ? null : (JSON.parse(v) as Feed)
  }

  /** up to `max` ids in `index` (`~t/` or `~r/`) from before `before` */
  const older = async (index: string, before: number, max: number) => {
    const out: [string, number][] = []
    for await (const k of db.keys({ gt: index, lt: `${index}${pad(before)}`, limit: max })) {
      const [, at, id] = k.split('/')
      out.push([id, Number(at)])
    }
    return out
  }

  return {
    get,
    put: (id, hash, body, at, totals) => inTurn(async () => {
      const have = await get(id)
      const size = byteSize(body)
      if (have?.revoked) return 'revoked'
      if (have && have.hash !== hash) return 'taken'
      const old = have ? byteSize(have.body) : 0
      // a new feed may fill the store to nine tenths; the last tenth is for feeds that exist to grow, each only as far
      // as the whole (a stranger's many tiny feeds, grown later, stop there too)
      if (!have && (feeds >= totals.feeds || revoked >= totals.revoked || bytes + size > totals.bytes * NEW_SHARE)) return 'full'
      if (have && size > old && bytes - old + size > totals.bytes) return 'full'
      await db.batch([
        ...(have ? [{ type: 'del' as const, key: key.seen(seenOf(have), id) }] : []),
        { type: 'put', key: id, value: JSON.stringify({ hash, body, at, revoked: false, seen: at } satisfies Feed) },
        { type: 'put', key: key.seen(at, id), value: '' },
      ], sync)
      bytes += size - old
      if (have) return 'replaced'
      feeds++
      return 'created'
    }),
    touch: (id, at) => inTurn(async () => {
      const have = await get(id)
      if (!have || have.revoked || seenOf(have) >= at) return
      await db.batch([
        { type: 'del', key: key.seen(seenOf(have), id) },
        { type: 'put', key: id, value: JSON.stringify({ ...have, seen: at } satisfies Feed) },
        { type: 'put', key: key.seen(at, id), value: '' },
      ])
    }),
    revoke: (id, hash, at) => inTurn(async () => {
      const have = await get(id)
      if (!have) return 'missing'
      if (have.hash !== hash) return 'taken'
      if (have.revoked) return 'revoked'
      await db.batch([
        { type: 'del', key: key.seen(seenOf(have), id) },
        { type: 'put', key: id, value: JSON.stringify({ hash, body: '', at, revoked: true, seen: at } satisfies Feed) },
        { type: 'put', key: key.gone(at, id), value: '' },
      ], sync)
      feeds--
      bytes -= byteSize(have.body)
      revoked++
      return 'revoked'
    }),
    expire: (liveBefore, revokedBefore, max) => inTurn(async () => {
      let n = 0
      for (const [index, before, live] of [['~t/', liveBefore, true], ['~r/', revokedBefore, false]] as const) {
        for (const [id, at] of await older(index, before, max - n)) {
          const have = await get(id)
          // an index entry the feed has moved on from (read since, revoked) goes alone
          const current = have && have.revoked !== live && seenOf(have) === at
          await db.batch([{ type: 'del', key: `${index}${pad(at)}/${id}` }, ...(current ? [{ type: 'del' as const, key: id }] : [])], sync)
          if (!current) continue
          if (live) { feeds--; bytes -= byteSize(have.body) } else revoked--
          n++
        }
        if (n >= max) break
      }
      return n
    }),
    close: () => db.close(),
  }
}
