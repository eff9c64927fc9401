import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { byteSize, type Feed, type FeedStore } from './store.ts'

/** Feeds beside the embedded store: LevelDB in `feeds` under the relay's data directory. */
export const openEmbeddedFeeds = async (dataDir: string): Promise<FeedStore> => {
  const dir = join(dataDir, 'feeds')
  mkdirSync(dir, { recursive: true })
  const db = new ClassicLevel<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8', compression: false })
  await db.open()
  let feeds = 0
  let bytes = 0
  let revoked = 0
  for await (const v of db.values()) {
    const f = JSON.parse(v) as Feed
    if (f.revoked) revoked++
    else { feeds++; bytes += byteSize(f.body) }
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

  return {
    get,
    put: (id, hash, body, at, totals) => inTurn(async () => {
      const have = await get(id)
      const size = byteSize(body)
      if (have?.revoked) return 'revoked'
      if (have && have.hash !== hash) return 'taken'
      const old = have ? byteSize(have.body) : 0
      if (bytes - old + size > totals.bytes) return 'full'
      if (!have && (feeds >= totals.feeds || revoked >= totals.revoked)) return 'full'
      await db.put(id, JSON.stringify({ hash, body, at, revoked: false } satisfies Feed), sync)
      bytes += size - old
      if (have) return 'replaced'
      feeds++
      return 'created'
    }),
    revoke: (id, hash) => inTurn(async () => {
      const have = await get(id)
      if (!have) return 'missing'
      if (have.hash !== hash) return 'taken'
      if (have.revoked) return 'revoked'
      await db.put(id, JSON.stringify({ hash, body: '', at: Date.now(), revoked: true } satisfies Feed), sync)
      feeds--
      bytes -= byteSize(have.body)
      revoked++
      return 'revoked'
    }),
    close: () => db.close(),
  }
}
