import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allSaved, phone, repairedBy, uploadSnapshot } from '../../fixtures/phone.ts'
import { removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { shaped } from '../../fixtures/shaped.ts'

let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('guard-relay') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe('deletion wars through the relay', () => {
  it('a member’s snapshot holding every record deleted hides nothing once one honest member opens the room', { timeout: 30_000 }, async () => {
    const secret = `hidden ${Math.random()}`
    const ana = phone(server, secret, 'ana')
    for (let i = 0; i < 5; i++) ana.doc.getMap('records').set(...shaped(`rec${i}`))
    await until(() => allSaved(ana))
    ana.sync.destroy()
    // Mallory's copy holds every clock of Ana's, with the records deleted: the state vector says it holds them all
    const mal = new Y.Doc()
    Y.applyUpdate(mal, Y.encodeStateAsUpdate(ana.doc))
    for (const k of [...mal.getMap('records').keys()]) mal.getMap('records').delete(k)
    await uploadSnapshot(server, secret, 'mallory', Y.encodeStateAsUpdate(mal))
    // a newcomer reads the kept history behind its first view, and writes again the records the snapshot held deleted
    const cai = phone(server, secret, 'cai')
    await until(() => cai.titles().length === 5, 5000).catch(() => {})
    expect(cai.titles()).toEqual(['rec0', 'rec1', 'rec2', 'rec3', 'rec4'])
    cai.sync.destroy()
    // Ana opens the room: her state vector diff finds nothing to push, but she sees the snapshot hid her records
    await repairedBy(server, secret, ana, 5, 10_000)
  })
})
