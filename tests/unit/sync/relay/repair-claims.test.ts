import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { seal } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { removeStandIn, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { mallory } from './mallory.ts'
import { phone, saved, write, type Phone } from './phones.ts'

let server: Server
let proxy: Awaited<ReturnType<typeof hostileProxy>>
beforeAll(async () => {
  server = await startServer({ HEARTH_DATA: tempDir('claims') })
  proxy = await hostileProxy(server.relay)
})
afterAll(async () => { await proxy.close(); await server.stop(); removeStandIn() })
afterEach(() => { vi.restoreAllMocks() })

/** Ana and Ben hold a 20-record room; then Mallory's unopenable snapshot is the relay's newest */
const spoiled = async (secret: string) => {
  const ana = phone(proxy.url, secret, 'ana')
  for (let i = 0; i < 20; i++) write(ana.doc, `rec${String(i).padStart(2, '0')}`)
  await saved(ana)
  const ben = phone(proxy.url, secret, 'ben')
  await until(() => ben.titles().length === 20, 10_000)
  await saved(ben)
  ana.sync.destroy()
  ben.sync.destroy()
  const mal = await mallory(server.relay, secret)
  await mal.push()
  expect((await mal.snapshot(new Uint8Array(500).fill(9))).op).toBe(wire.Op.Ack)
  return { ana, ben, mal }
}
const again = (p: Phone, who: string, secret: string) => phone(proxy.url, secret, who, p.store, p.doc)
const uploads = (from: number) => proxy.sent.slice(from).filter((s) => s.who !== 'mallory' && s.op === wire.Op.Snapshot)

describe('repairing a member’s unopenable snapshot, when several honest phones find it', () => {
  it('two phones whose repair falls due at the same moment make one upload between them, and a newcomer can open it', { timeout: 90_000 }, async () => {
    const secret = `claims ${Math.random()}`
    const { ana, ben, mal } = await spoiled(secret)
    const before = proxy.sent.length
    // the same "random" delay for both: their repairs fall due together
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const open = [again(ana, 'ana', secret), again(ben, 'ben', secret)]
    await Promise.all(open.map((p) => until(() => p.sync.state().state === 'saved', 10_000)))
    await until(() => uploads(before).length >= 1, 30_000)
    // long enough for the other's repair, put off, to come due again and find the room repaired
    await sleep(20_000)
    expect(uploads(before).length).toBe(1)
    for (const p of open) p.sync.destroy()
    mal.close()
    vi.restoreAllMocks()
    const cai = phone(server.relay, secret, 'cai')
    await until(() => cai.titles().length === 20, 10_000)
    cai.sync.destroy()
  })

  it('a member who claims every repair herself and never makes one only puts it off: the room is repaired', { timeout: 120_000 }, async () => {
    const secret = `squatted claims ${Math.random()}`
    const { ana, mal } = await spoiled(secret)
    const before = proxy.sent.length
    // Mallory says "I'm repairing" every half second, with the claim that wins every tie
    const claim = seal(mal.keys, 'repair', new TextEncoder().encode(JSON.stringify({ n: '' })))
    const squat = setInterval(() => mal.say(claim), 500)
    const a = again(ana, 'ana', secret)
    try {
      await until(() => uploads(before).length >= 1, 90_000)
    } finally {
      clearInterval(squat)
    }
    a.sync.destroy()
    mal.close()
    const cai = phone(server.relay, secret, 'cai2')
    await until(() => cai.titles().length === 20, 10_000)
    cai.sync.destroy()
  })
})
