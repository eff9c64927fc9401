import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomKeys } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { connect, removeStandIn, sleep, startServer, tempDir, type Server } from '../../fixtures/relay.ts'
import { sealEntry } from '../../../../src/sync/relay/index.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone, saved, write } from './phones.ts'

const EMPTY = Y.encodeStateAsUpdate(new Y.Doc())
const count = (sent: { op: wire.Op; who: string }[], op: wire.Op, who: string) => sent.filter((s) => s.op === op && s.who === who).length

describe('a forged position, a relay that never stops, a relay that keeps forgetting', () => {
  let server: Server
  beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('gap') }) }, 30_000)
  afterAll(async () => { await server.stop(); removeStandIn() })

  it('a member’s position far past the head is asked for once, not every two seconds', { timeout: 30_000 }, async () => {
    const secret = `gap ${Math.random()}`
    const proxy = await hostileProxy(server.relay)
    const ana = phone(proxy.url, secret, 'ana')
    write(ana.doc, 'first')
    await saved(ana)
    const keys = roomKeys(secret)
    const mal = await connect(server.relay)
    await mal.join(keys, 0)
    await mal.push(keys.topic, sealEntry(keys, { stream: 'xxxxxxxxxxxx', n: 1e9 }, EMPTY))
    for (let i = 1; i <= 6; i++) {
      await sleep(1000)
      await mal.push(keys.topic, sealEntry(keys, { stream: 'mallory12345', n: i }, EMPTY))
    }
    await sleep(1000)
    expect(count(proxy.sent, wire.Op.History, 'ana')).toBeLessThanOrEqual(2)
    mal.close()
    ana.sync.destroy()
    await proxy.close()
  })

  it('a relay that answers History with `more` and rising seqs forever is asked a bounded number of times', { timeout: 30_000 }, async () => {
    const secret = `more ${Math.random()}`
    const proxy = await hostileProxy(server.relay)
    const ana = phone(proxy.url, secret, 'ana')
    write(ana.doc, 'first')
    await saved(ana)
    proxy.tamper = (m, asked) => (m.op === wire.Op.State && asked?.op === wire.Op.History
      ? { ...m, more: true, snapshot: null, updates: [{ seq: asked.since + 1000, data: new Uint8Array(8) }] }
      : m)
    const keys = roomKeys(secret)
    const mal = await connect(server.relay)
    await mal.join(keys, 0)
    await mal.push(keys.topic, sealEntry(keys, { stream: 'xxxxxxxxxxxx', n: 5 }, EMPTY))
    await sleep(3000)
    expect(count(proxy.sent, wire.Op.History, 'ana')).toBeLessThanOrEqual(100)
    mal.close()
    ana.sync.destroy()
    await proxy.close()
  })

  it('a relay that answers a join with `more` and rising seqs forever is asked a bounded number of times', { timeout: 30_000 }, async () => {
    const proxy = await hostileProxy(server.relay)
    // it answers every join itself (the honest relay behind it would refuse so many)
    proxy.tamper = (m, asked) => (asked?.op === wire.Op.Join
      ? { op: wire.Op.State, req: asked.req, topic: asked.topic, head: asked.since + 1000, epoch: '', more: true, snapshot: null, updates: [{ seq: asked.since + 1000, data: new Uint8Array(8) }] }
      : m)
    const ana = phone(proxy.url, `join-more ${Math.random()}`, 'ana')
    await sleep(3000)
    expect(count(proxy.sent, wire.Op.Join, 'ana')).toBeLessThanOrEqual(100)
    ana.sync.destroy()
    await proxy.close()
  })

  it('a relay that sends its challenge again and again with a new epoch gets the room pushed again at most once', { timeout: 30_000 }, async () => {
    const secret = `epoch ${Math.random()}`
    const proxy = await hostileProxy(server.relay)
    let challenge: wire.RelayMessage | undefined
    let replays = 0
    let forget = false
    proxy.tamper = (m, asked) => {
      if (m.op === wire.Op.Challenge) challenge = m
      // after the first join, every join is answered by "another copy" that holds nothing
      if (m.op === wire.Op.State && asked?.op === wire.Op.Join && forget) return { ...m, epoch: `e${Math.random()}`, head: 0, snapshot: null, updates: [], more: false }
      return m
    }
    const ana = phone(proxy.url, secret, 'ana')
    for (let i = 0; i < 5; i++) write(ana.doc, `rec${i}`)
    await saved(ana)
    const before = count(proxy.sent, wire.Op.Push, 'ana')
    forget = true
    // replay the relay's challenge: the phone proves again and joins, and is told of another copy each time
    expect(challenge).toBeDefined()
    for (let i = 0; i < 6; i++) { replays++; proxy.inject(challenge!); await sleep(400) }
    await sleep(1000)

    expect(replays).toBe(6)
    expect(count(proxy.sent, wire.Op.Push, 'ana') - before).toBeLessThanOrEqual(1)
    ana.sync.destroy()
    await proxy.close()
  })
})
