import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomKeys } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { sealEntry } from '../../../../src/sync/relay/sealed.ts'
import { removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone, saved, write } from './phones.ts'

let server: Server
let proxy: Awaited<ReturnType<typeof hostileProxy>>
beforeAll(async () => {
  server = await startServer({ HEARTH_DATA: tempDir('live-copies') })
  proxy = await hostileProxy(server.relay)
})
afterAll(async () => { await proxy.close(); await server.stop(); removeStandIn() })

/** an entry as a member's phone seals it (its own stream, at `n`), holding one record named `title` */
const entry = (secret: string, title: string, stream: string, n = 1) => {
  const doc = new Y.Doc()
  write(doc, title)
  return sealEntry(roomKeys(secret), { stream, n }, Y.encodeStateAsUpdate(doc))
}
type Cursor = { seq: number }
const cursorOf = (p: ReturnType<typeof phone>) => (p.store.data.get('relay-cursor') as Cursor | undefined)?.seq ?? 0

describe('live copies (passed on before the relay has them durably)', () => {
  it('the relay dies after passing one on and before its write: nobody counts it, the seq goes to another entry, and the copy still reaches a newcomer', { timeout: 60_000 }, async () => {
    const secret = `crash ${Math.random()}`
    proxy.tamper = (m) => m
    // Ana speaks to the relay itself; Ben through the proxy, whose socket dies with the relay's copy of it
    const ana = phone(server.relay, secret, 'ana-crash')
    const ben = phone(proxy.url, secret, 'ben-crash')
    await saved(ana)
    await saved(ben)
    write(ana.doc, 'a1')
    await until(() => ben.titles().includes('a1'))
    await until(() => cursorOf(ben) === 1)
    // Mallory's push went on live as seq 2; then the relay died, and her phone with it: no Stored, no Ack, no resend
    proxy.inject({ op: wire.Op.Live, topic: roomKeys(secret).topic, seq: 2, data: entry(secret, 'x-lost', 'malloryPhone') })
    await until(() => ben.titles().includes('x-lost'))
    // in Ben's document, but not counted as the relay's: his cursor stays before it
    await new Promise((r) => setTimeout(r, 200))
    expect(cursorOf(ben)).toBe(1)
    // the relay, restarted, gives seq 2 to Ana's next entry before Ben is back
    proxy.tamper = () => null
    write(ana.doc, 'a2')
    await saved(ana)
    proxy.tamper = (m) => m
    proxy.drop()
    await until(() => ben.titles().includes('a2'), 10_000)
    // seq 2 is now Ana's a2; Ben's own push of the copy, once Acked, may move him on to 3 before we look
    await until(() => cursorOf(ben) >= 2)
    await saved(ben)
    // Ben never counted the copy as the relay's: he pushed it again himself, so a newcomer gets it
    const cara = phone(proxy.url, secret, 'cara-crash')
    await until(() => cara.titles().includes('x-lost') && cara.titles().includes('a2'), 10_000).catch(() => {})
    expect(cara.titles()).toEqual(['a1', 'a2', 'x-lost'])
    expect(ben.titles()).toEqual(['a1', 'a2', 'x-lost'])
    for (const p of [ana, ben, cara]) p.sync.destroy()
  })

  it('a hostile relay names made-up and reused seqs stored: no entry is skipped', { timeout: 60_000 }, async () => {
    const secret = `labels ${Math.random()}`
    const topic = roomKeys(secret).topic
    proxy.tamper = (m) => m
    const ana = phone(proxy.url, secret, 'ana-labels')
    const ben = phone(proxy.url, secret, 'ben-labels')
    await saved(ana)
    await saved(ben)
    write(ana.doc, 'a1')
    await until(() => ben.titles().includes('a1'))
    // the seq Ana's next entry will get, and one far ahead, each "stored" with another entry
    proxy.inject({ op: wire.Op.Live, topic, seq: 2, data: entry(secret, 'm2', 'malloryPhone') })
    proxy.inject({ op: wire.Op.Stored, topic, from: 2, to: 2 })
    proxy.inject({ op: wire.Op.Live, topic, seq: 90, data: entry(secret, 'm90', 'malloryPhone', 2) })
    proxy.inject({ op: wire.Op.Stored, topic, from: 90, to: 90 })
    await until(() => ben.titles().includes('m90'))
    for (const t of ['a2', 'a3', 'a4']) write(ana.doc, t)
    await saved(ana)
    await until(() => ['a2', 'a3', 'a4'].every((t) => ben.titles().includes(t)), 3000).catch(() => {})
    expect(ben.titles()).toEqual(['a1', 'a2', 'a3', 'a4', 'm2', 'm90'])
    for (const p of [ana, ben]) p.sync.destroy()
  })
})
