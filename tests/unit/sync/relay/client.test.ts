import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { syncRelay, type RelayStore } from '../../../../src/sync/relay/index.ts'
import { relayCode } from '../../../../src/sync/index.ts'
import { allSaved, memory, newcomerReads, phone, repairedBy, uploadSnapshot, write, wroteAndLeft } from '../../fixtures/phone.ts'
import { freePort, removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'

let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('client') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe('the relay client', () => {
  it('syncs two phones live, and says when everything is saved', async () => {
    const secret = `live ${Math.random()}`
    const ana = phone(server, secret, 'ana')
    const ben = phone(server, secret, 'ben')
    await until(() => ana.sync.state().state === 'saved' && ben.sync.state().state === 'saved')
    write(ana.doc, 'a1')
    await until(() => ben.titles().includes('a1'))
    write(ben.doc, 'b1')
    await until(() => ana.titles().includes('b1'))
    await until(() => allSaved(ana))
    await until(() => ana.sync.state().here.some((h) => h.member === 'ben'))
    ana.sync.destroy()
    ben.sync.destroy()
  })

  it('keeps unacknowledged edits in its outbox across a reload, and sends them when the relay is back', async () => {
    const secret = `outbox ${Math.random()}`
    const store = memory()
    const doc = new Y.Doc()
    // the relay is unreachable: the edit waits in the outbox
    const offline = syncRelay(doc, roomKeys(secret), 'ws://127.0.0.1:9/relay', store, () => ({ member: 'ana', name: 'Ana' }), () => false, () => {})
    await new Promise((r) => setTimeout(r, 50))
    write(doc, 'while-offline')
    await until(() => Array.isArray(store.data.get('relay-outbox')) && (store.data.get('relay-outbox') as unknown[]).length === 1)
    offline.destroy()
    // a reload: a new document from local storage, the same outbox, and now a relay
    const again = new Y.Doc()
    Y.applyUpdate(again, Y.encodeStateAsUpdate(doc))
    const ana = phone(server, secret, 'ana', store, again)
    await until(() => allSaved(ana))
    const ben = phone(server, secret, 'ben')
    await until(() => ben.titles().includes('while-offline'))
    ana.sync.destroy()
    ben.sync.destroy()
  })

  it('repairs a room after a member uploads a snapshot that leaves records out', { timeout: 20_000 }, async () => {
    const secret = `bogus ${Math.random()}`
    const ana = await wroteAndLeft(server, secret, 5)
    // Mallory holds the key: she joins and uploads an empty "snapshot" covering the whole log
    await uploadSnapshot(server, secret, 'mallory', Y.encodeStateAsUpdate(new Y.Doc()))
    // a newcomer reads the history the relay keeps, after its first view, and gets what the snapshot left out
    expect(await newcomerReads(server, secret, 5)).toEqual(['rec0', 'rec1', 'rec2', 'rec3', 'rec4'])
    // one honest member opening the room pushes back what the relay's copy lacks
    await repairedBy(server, secret, ana, 5)
  })

  it('repairs a room after a member uploads a snapshot nobody can open', { timeout: 20_000 }, async () => {
    const secret = `junk ${Math.random()}`
    const ana = await wroteAndLeft(server, secret, 3)
    await uploadSnapshot(server, secret, 'mallory2', new Uint8Array([255, 255, 255, 255, 1]))
    await repairedBy(server, secret, ana, 3)
  })

  it("notices the relay lost the room (its data wiped, a new relay at the same address), and pushes back what it lacks", { timeout: 60_000 }, async () => {
    const port = await freePort()
    const dir = tempDir('client-wipe')
    const env = { HEARTH_DATA: dir, PORT: String(port) }
    let relay = await startServer(env)
    try {
      const secret = `wiped ${Math.random()}`
      const saved = (p: ReturnType<typeof phone>) => until(() => allSaved(p), 10_000)
      const ana = phone(relay, secret, 'ana')
      write(ana.doc, 'a1')
      write(ana.doc, 'a2')
      await saved(ana)
      ana.sync.destroy()
      // she opens it again, so her cursor is for this relay's copy
      let back = phone(relay, secret, 'ana', ana.store, ana.doc)
      await saved(back)
      back.sync.destroy()
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
      relay = await startServer(env)
      // Ben writes more than Ana ever read from the old copy, so its head alone gives nothing away
      const ben = phone(relay, secret, 'ben')
      for (let i = 0; i < 5; i++) write(ben.doc, `b${i}`)
      await saved(ben)
      ben.sync.destroy()
      back = phone(relay, secret, 'ana', ana.store, ana.doc)
      await saved(back)
      const cai = phone(relay, secret, 'cai')
      await until(() => cai.titles().length === 7, 10_000).catch(() => {})
      expect(cai.titles()).toEqual(['a1', 'a2', 'b0', 'b1', 'b2', 'b3', 'b4'])
      back.sync.destroy()
      cai.sync.destroy()
    } finally {
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reads a room the relay sends in parts, all of it', { timeout: 30_000 }, async () => {
    const bounded = await startServer({ HEARTH_DATA: tempDir('client-parts'), RELAY_STATE_ENTRIES: '3' })
    try {
      const secret = `parts ${Math.random()}`
      const ana = phone(bounded, secret, 'ana')
      await until(() => ana.sync.state().state === 'saved')
      for (let i = 0; i < 10; i++) write(ana.doc, `p${i}`)
      await until(() => allSaved(ana))
      const ben = phone(bounded, secret, 'ben')
      await until(() => ben.sync.state().state === 'saved')
      await until(() => ben.titles().length === 10).catch(() => {})
      expect(ben.titles()).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`))
      // and what came after, live
      write(ana.doc, 'live')
      await until(() => ben.titles().includes('live'))
      ana.sync.destroy()
      ben.sync.destroy()
    } finally {
      await bounded.stop()
    }
  })

  it('pushes an edit made while the room is still loading its cursor', async () => {
    const secret = `early ${Math.random()}`
    const slow: RelayStore & { data: Map<string, unknown> } = memory()
    const get = slow.get
    slow.get = async (k) => { await new Promise((r) => setTimeout(r, 200)); return get(k) }
    // another room keeps the page's socket open, as the app does with rooms left open in the background
    const other = phone(server, `other ${Math.random()}`, 'ana')
    await until(() => other.sync.state().state === 'saved')
    const ana = phone(server, secret, 'ana', slow)
    write(ana.doc, 'early')
    await until(() => allSaved(ana))
    const ben = phone(server, secret, 'ben')
    await until(() => ben.titles().includes('early'))
    for (const p of [other, ana, ben]) p.sync.destroy()
  })

  it('uploads a snapshot after many edits, so a newcomer gets one round trip', async () => {
    const secret = `snap ${Math.random()}`
    const ana = phone(server, secret, 'ana')
    await until(() => ana.sync.state().state === 'saved')
    for (let i = 0; i < 210; i++) write(ana.doc, `e${i}`)
    await until(() => ana.sync.state().pending === 0, 10_000)
    await until(() => ((ana.store.data.get('relay-cursor') as { snapshotSeq?: number } | undefined)?.snapshotSeq ?? 0) >= 200, 15_000)
    const ben = phone(server, secret, 'ben')
    await until(() => ben.titles().length === 210)
    // the newcomer names the snapshot it took as its maker does (its next snapshot says which one it replaces)
    const last = (p: typeof ana) => (p.store.data.get('relay-cursor') as { last?: Uint8Array } | undefined)?.last
    await until(() => !!last(ben))
    expect(last(ben)).toEqual(last(ana))
    ana.sync.destroy()
    ben.sync.destroy()
  }, 30_000)
})

describe('what the relay refuses', () => {
  it('is known by its code, and a code this version does not know (or a name off Object) is no code at all', () => {
    expect(relayCode('room-full')).toBe('room-full')
    expect(relayCode('too-many-sockets')).toBe('too-many-sockets')
    for (const odd of ['', 'Too many connections from this address', 'toString', '__proto__', 'constructor']) expect(relayCode(odd)).toBeUndefined()
  })
})
