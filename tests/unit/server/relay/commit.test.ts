import { describe, expect, it } from 'vitest'
import { groupCommit } from '../../../../src/server/relay/store/index.ts'

/** a LevelDB stand-in whose synced writes finish only when the test says */
const fakeDb = () => {
  const writes: { ops: string[]; sync: boolean; finish: (e?: Error) => void }[] = []
  const db = {
    batch() {
      const ops: string[] = []
      return {
        put(key: string) { ops.push(`put ${key}`) },
        del(key: string) { ops.push(`del ${key}`) },
        write: (o: { sync: boolean }) => new Promise<void>((ok, fail) => writes.push({ ops, sync: o.sync, finish: (e) => (e ? fail(e) : ok()) })),
      }
    },
  }
  return { db: db as never, writes }
}

const tick = () => new Promise((ok) => setImmediate(ok))
const value = new Uint8Array(1)

describe('group commit (embedded store)', () => {
  it('puts the appends of one tick in one synced batch, and acknowledges none before it is on disk', async () => {
    const { db, writes } = fakeDb()
    const commit = groupCommit(db, (topics) => ({ ops: [...topics].map((t) => ({ type: 'put' as const, key: `m/${t}`, value })), durable: () => {} }))
    const acked: string[] = []
    for (const k of ['a', 'b', 'c']) commit.write('t', [{ type: 'put', key: `l/${k}`, value }]).then(() => acked.push(k))
    await tick()
    await tick()
    expect(writes.map((w) => w.ops)).toEqual([['put l/a', 'put l/b', 'put l/c', 'put m/t']])
    expect(writes[0].sync).toBe(true)
    expect(acked).toEqual([])
    writes[0].finish()
    await commit.idle()
    expect(acked).toEqual(['a', 'b', 'c'])
  })

  it('puts what comes while a batch is on its way in the next one, and a failed batch fails only its own appends', async () => {
    const { db, writes } = fakeDb()
    const commit = groupCommit(db, () => ({ ops: [], durable: () => {} }))
    const first = commit.write('t', [{ type: 'put', key: 'l/1', value }])
    await tick()
    const second = commit.write('t', [{ type: 'del', key: 'l/0' }])
    const third = commit.write('u', [{ type: 'put', key: 'l/2', value }])
    await tick()
    expect(writes).toHaveLength(1)
    writes[0].finish(new Error('disk full'))
    await expect(first).rejects.toThrow('disk full')
    await tick()
    expect(writes.map((w) => w.ops)).toEqual([['put l/1'], ['del l/0', 'put l/2']])
    writes[1].finish()
    await expect(Promise.all([second, third])).resolves.toBeDefined()
  })
})
