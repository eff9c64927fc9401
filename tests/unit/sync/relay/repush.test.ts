import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allSaved, memory, phone } from '../../fixtures/phone.ts'
import { Op } from '../../../../src/protocol/index.ts'
import { freePort, removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone as phoneAt, write } from './phones.ts'

let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('repush') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

/** a page's storage that tells the bytes of every entry this phone put in its outbox */
const counted = () => {
  const store = memory()
  const sent = new Map<string, number>()
  const set = store.set
  store.set = async (k, v) => {
    if (k === 'relay-outbox') for (const p of v as { id: string; update: Uint8Array }[]) sent.set(p.id, p.update.length)
    return set(k, v)
  }
  return { store, bytes: () => [...sent.values()].reduce((a, b) => a + b, 0) }
}

/**
 * Ana creates a room (its first record is written before the relay starts, as the app does) and seeds it in two big
 * edits before her first join has answered: they go out, and the relay lacks only the room's first record.
 */
const seeded = (relay: string, secret: string, n: number) => {
  const doc = new Y.Doc()
  write(doc, 'start')
  const { store, bytes } = counted()
  const ana = phoneAt(relay, secret, 'ana', store, doc)
  // names that deflate as records do (a few times over, not past the bound a sealed blob may inflate by)
  const name = (i: number) => `${i} ${Math.random().toString(36)}`
  doc.transact(() => { for (let i = 0; i < n; i++) write(doc, `a${name(i)}`) })
  doc.transact(() => { for (let i = 0; i < n; i++) write(doc, `b${name(i)}`) })
  const room = Y.encodeStateAsUpdate(doc).length
  return { ana, bytes, room }
}

describe("a phone whose room's start never went to the relay", () => {
  it('pushes the start, not the whole room again', { timeout: 30_000 }, async () => {
    const secret = `start ${Math.random()}`
    const { ana, bytes, room } = seeded(server.relay, secret, 2000)
    await until(() => allSaved(ana), 20_000)
    // nor when a peer's edit comes (her repair after it), nor when she opens the room again: she joined it empty, so
    // she reads its log anew, where the start came last
    const ben = new Y.Doc()
    write(ben, 'ben')
    Y.applyUpdate(ana.doc, Y.encodeStateAsUpdate(ben))
    await until(() => allSaved(ana))
    ana.sync.destroy()
    const back = phone(server, secret, 'ana', ana.store, ana.doc)
    await until(() => allSaved(back))
    expect(bytes()).toBeLessThan(room * 1.2)
    // the relay has the whole room: a newcomer reads all of it
    const cai = phone(server, secret, 'cai')
    await until(() => cai.titles().length === 4002, 20_000).catch(() => {})
    expect(cai.titles().length).toBe(4002)
    back.sync.destroy()
    cai.sync.destroy()
  })

  it('pushes the whole room again to a relay that lost it, though it had acknowledged the room past its start', { timeout: 60_000 }, async () => {
    const port = await freePort()
    const dir = tempDir('repush-wipe')
    const env = { HEARTH_DATA: dir, PORT: String(port) }
    let relay = await startServer(env)
    // the hostile relay takes the start's push but never acknowledges it: the room past it is all this phone knows it holds
    const proxy = await hostileProxy(relay.relay, (m, asked) => (m.op === Op.Ack && asked?.op === Op.Push && asked.data.length < 4096 ? null : m))
    try {
      const secret = `wiped ${Math.random()}`
      const { ana } = seeded(proxy.url, secret, 1000)
      await until(() => ana.sync.state().pending === 1 && proxy.sent.filter((s) => s.op === Op.Push).length >= 3, 20_000)
      // then it loses the room (its data wiped), and acknowledges again
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
      relay = await startServer(env)
      proxy.tamper = (m) => m
      proxy.drop()
      await until(() => allSaved(ana), 30_000)
      const cai = phone(relay, secret, 'cai')
      await until(() => cai.titles().length === 2001, 20_000).catch(() => {})
      expect(cai.titles().length).toBe(2001)
      ana.sync.destroy()
      cai.sync.destroy()
    } finally {
      await proxy.close()
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
