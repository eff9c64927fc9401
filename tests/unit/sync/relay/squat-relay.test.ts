import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomKeys, seal } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { connect, removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { phone, saved, write } from './phones.ts'
import { memory } from '../../fixtures/phone.ts'
import { squat } from '../../fixtures/sync.ts'


let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('squat-relay') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe('a squat over clocks already written, through the relay', () => {
  it('a peer that reads only through the relay gets the records back', { timeout: 30_000 }, async () => {
    const secret = `squat ${Math.random()}`
    const keys = roomKeys(secret)
    // Ana writes while offline: her records wait in her outbox
    const doc = new Y.Doc()
    const store = memory()
    for (let i = 0; i < 3; i++) write(doc, `rec${i}`)
    const id = doc.clientID
    const written = Y.getState(doc.store, id)
    // Hal, a member, sends other content over those clocks first, and Nia (relay only) takes it
    const hal = await connect(server.relay)
    await hal.join(keys, 0)
    expect((await hal.push(keys.topic, seal(keys, 'update', squat(id, 0, written)))).op).toBe(wire.Op.Ack)
    hal.close()
    const nia = phone(server.relay, secret, 'nia')
    await until(() => nia.sync.state().state === 'saved')
    expect(Y.getState(nia.doc.store, id)).toBe(written)
    // Ana comes online: her outbox goes, but Nia already holds those clocks
    const ana = phone(server.relay, secret, 'ana', store, doc)
    await saved(ana)
    await until(() => nia.titles().length === 3, 5000).catch(() => {})
    expect(nia.titles()).toEqual(['rec0', 'rec1', 'rec2'])
    expect(ana.doc.clientID).not.toBe(id)
    ana.sync.destroy()
    nia.sync.destroy()
  })
})
