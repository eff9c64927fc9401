import WebSocket from 'ws'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomKeys, seal } from '../../../../src/crypto/index.ts'
import { relaySocket, syncRelay, type RelayStore } from '../../../../src/sync/relay/index.ts'
import { removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'

;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket

const memory = (): RelayStore => {
  const data = new Map<string, unknown>()
  return { get: async (k) => structuredClone(data.get(k)), set: async (k, v) => { data.set(k, structuredClone(v)) } }
}
const phone = (server: Server, secret: string, member: string, store = memory(), doc = new Y.Doc()) => {
  const sync = syncRelay(doc, roomKeys(secret), `${server.relay}?phone=${member}`, store, () => ({ member, name: member }), () => false, () => {})
  return { doc, store, sync, titles: () => [...doc.getMap('records').keys()].filter((k) => !k.startsWith('\u0000')).sort() }
}

let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('guard-relay') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe('deletion wars through the relay', () => {
  it('a member’s snapshot holding every record deleted hides nothing once one honest member opens the room', { timeout: 30_000 }, async () => {
    const secret = `hidden ${Math.random()}`
    const ana = phone(server, secret, 'ana')
    for (let i = 0; i < 5; i++) ana.doc.getMap('records').set(`rec${i}`, { title: i })
    await until(() => ana.sync.state().state === 'saved' && ana.sync.state().pending === 0)
    ana.sync.destroy()
    // Mallory's copy holds every clock of Ana's, with the records deleted: the state vector says it holds them all
    const mal = new Y.Doc()
    Y.applyUpdate(mal, Y.encodeStateAsUpdate(ana.doc))
    for (const k of [...mal.getMap('records').keys()]) mal.getMap('records').delete(k)
    const keys = roomKeys(secret)
    const socket = relaySocket(`${server.relay}?phone=mallory`)
    const release = socket.attach(keys.topic, { open: () => {}, close: () => {}, update: () => {}, heard: () => {} })
    await until(() => socket.isOpen())
    const { head } = await socket.join(keys, 0)
    await socket.snapshot(keys.topic, head, seal(keys, 'snapshot', Y.encodeStateAsUpdate(mal)))
    release()
    const cai = phone(server, secret, 'cai')
    await until(() => cai.sync.state().state === 'saved')
    // a newcomer reads the kept history first, and the snapshot's deletions of records are refused
    expect(cai.titles()).toEqual(['rec0', 'rec1', 'rec2', 'rec3', 'rec4'])
    cai.sync.destroy()
    // Ana opens the room: her state vector diff finds nothing to push, but she sees the snapshot hid her records
    const back = phone(server, secret, 'ana', ana.store, ana.doc)
    await until(() => back.sync.state().state === 'saved' && back.sync.state().pending === 0)
    const dan = phone(server, secret, 'dan')
    await until(() => dan.titles().length === 5, 10_000)
    back.sync.destroy()
    dan.sync.destroy()
  })
})
