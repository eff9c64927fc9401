import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as wire from '../../../../src/protocol/index.ts'
import { removeStandIn, sleep, startRedis, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { sealCover } from '../../../../src/sync/relay/index.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { mallory } from './mallory.ts'
import { phone, saved, write } from './phones.ts'

const stores: [string, () => Promise<{ server: Server; stop: () => Promise<void> }>][] = [
  ['embedded', async () => {
    const server = await startServer({ HEARTH_DATA: tempDir('bogus') })
    return { server, stop: () => server.stop() }
  }],
  ['redis', async () => {
    const redis = await startRedis()
    const server = await startServer({ HEARTH_DATA: tempDir('bogus-r'), REDIS_URL: redis.url })
    return { server, stop: async () => { await server.stop(); await redis.stop() } }
  }],
]

describe.each(stores)('a member’s bogus snapshot (%s store)', (_, start) => {
  let server: Server
  let stop: () => Promise<void>
  beforeAll(async () => { ({ server, stop } = await start()) }, 30_000)
  afterAll(async () => { await stop(); removeStandIn() })

  it('an empty snapshot leaves a newcomer, with no other member online, with every record the relay keeps', { timeout: 30_000 }, async () => {
    const secret = `empty ${Math.random()}`
    const ana = phone(server.relay, secret, 'ana')
    for (let i = 0; i < 30; i++) write(ana.doc, `rec${String(i).padStart(2, '0')}`)
    await saved(ana)
    ana.sync.destroy()
    const mal = await mallory(server.relay, secret)
    expect((await mal.snapshot(Y.encodeStateAsUpdate(new Y.Doc()))).op).toBe(wire.Op.Ack)
    mal.close()
    const cai = phone(server.relay, secret, 'cai')
    await until(() => cai.sync.state().state === 'saved')
    await until(() => cai.titles().length === 30, 5000).catch(() => {})
    expect(cai.titles().length).toBe(30)
    cai.sync.destroy()
  })

  it('so does an empty one sealed as this version seals them, whose cover says it holds none of the entries', { timeout: 30_000 }, async () => {
    const secret = `cover ${Math.random()}`
    const ana = phone(server.relay, secret, 'ana3')
    for (let i = 0; i < 12; i++) write(ana.doc, `rec${i}`)
    await saved(ana)
    ana.sync.destroy()
    const mal = await mallory(server.relay, secret)
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    await mal.snapshot(empty, sealCover(mal.keys, { seq: mal.head(), heads: {}, prev: new Uint8Array() }, empty))
    mal.close()
    const cai = phone(server.relay, secret, 'cai3')
    await until(() => cai.sync.state().state === 'saved')
    await until(() => cai.titles().length === 12, 5000).catch(() => {})
    expect(cai.titles().length).toBe(12)
    cai.sync.destroy()
  })

  it('a snapshot holding every record deleted hides none of them from a newcomer', { timeout: 30_000 }, async () => {
    const secret = `deleted ${Math.random()}`
    const ana = phone(server.relay, secret, 'ana2')
    for (let i = 0; i < 10; i++) write(ana.doc, `rec${i}`)
    await saved(ana)
    ana.sync.destroy()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ana.doc))
    for (const k of [...doc.getMap('records').keys()]) doc.getMap('records').delete(k)
    const mal = await mallory(server.relay, secret)
    await mal.snapshot(Y.encodeStateAsUpdate(doc))
    mal.close()
    const cai = phone(server.relay, secret, 'cai2')
    await until(() => cai.sync.state().state === 'saved')
    await until(() => cai.titles().length === 10, 5000).catch(() => {})
    expect(cai.titles().length).toBe(10)
    cai.sync.destroy()
  })
})

describe('unopenable snapshots', () => {
  let server: Server
  let proxy: Awaited<ReturnType<typeof hostileProxy>>
  beforeAll(async () => {
    server = await startServer({ HEARTH_DATA: tempDir('junk') })
    proxy = await hostileProxy(server.relay)
  })
  afterAll(async () => { await proxy.close(); await server.stop(); removeStandIn() })

  it('20 of them make at most one repair upload for the room, and never a push of the whole room', { timeout: 90_000 }, async () => {
    const secret = `junk ${Math.random()}`
    const ana = phone(proxy.url, secret, 'ana')
    for (let i = 0; i < 30; i++) write(ana.doc, `rec${i}`)
    await saved(ana)
    const room = Y.encodeStateAsUpdate(ana.doc).length
    const ben = phone(proxy.url, secret, 'ben')
    await until(() => ben.titles().length === 30)
    await saved(ben)
    ana.sync.destroy()
    ben.sync.destroy()
    const before = proxy.sent.length
    const honest = () => proxy.sent.slice(before).filter((s) => s.who !== 'mallory')
    const mal = await mallory(server.relay, secret)
    const docs = { ana: ana, ben: ben }
    let open: ReturnType<typeof phone>[] = []
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5; i++) {
        await mal.push()
        expect((await mal.snapshot(new Uint8Array(500).fill(7 + i))).op).toBe(wire.Op.Ack)
      }
      open = Object.entries(docs).map(([who, p]) => phone(proxy.url, secret, who, p.store, p.doc))
      await Promise.all(open.map((p) => until(() => p.sync.state().state === 'saved')))
      if (round < 3) {
        await sleep(1000)
        for (const p of open) p.sync.destroy()
      }
    }
    // a newcomer too, and everyone stays a while: long enough for a repair's random delay
    const cai = phone(proxy.url, secret, 'cai')
    await until(() => cai.titles().length === 30, 10_000).catch(() => {})
    expect(cai.titles().length).toBe(30)
    await sleep(12_000)
    const uploads = honest().filter((s) => s.op === wire.Op.Snapshot)
    const pushed = honest().filter((s) => s.op === wire.Op.Push).reduce((n, s) => n + s.bytes, 0)
    expect(uploads.length).toBeLessThanOrEqual(1)
    // a whole room pushed again by each honest member would be room × 2 × 4 rounds
    expect(pushed).toBeLessThan(room / 2)
    // and the one repair, if made, is a snapshot newcomers can open: Dan gets the room in one round trip
    for (const p of [...open, cai]) p.sync.destroy()
    mal.close()
    const dan = phone(server.relay, secret, 'dan')
    await until(() => dan.titles().length === 30, 10_000)
    dan.sync.destroy()
  })
})
