import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { relaySocket } from '../../../../src/sync/relay/index.ts'
import { allSaved, phone, write, warmedNewcomer } from '../../fixtures/phone.ts'
import { removeStandIn, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'

let server: Server
// a high Say rate stands in for a member saying from many connections (5/s, burst 20 each, by default)
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('early-overflowo'), RELAY_SAY_RATE: '100000', RELAY_SAY_BURST: '100000' }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe('frames held for a warmed room', () => {
  it('are not crowded out by a flood of presence: an entry written while the newcomer opens reaches it', async () => {
    const { secret, ana } = await warmedNewcomer(server, 'early-flood')
    await sleep(300) // cid's early Join is answered
    // Mallory (any member) says 1,100 small presence messages on the room's topic
    const mal = relaySocket(`${server.relay}?phone=mal`)
    const keys = roomKeys(secret)
    const release = mal.attach(keys.topic, { open: () => {}, close: () => {}, update: () => {}, heard: () => {} })
    await until(() => mal.isOpen())
    await mal.join(keys, 0)
    for (let i = 0; i < 1100; i++) mal.say(keys.topic, new Uint8Array(8))
    await sleep(500)
    // an honest entry, written while cid's room is still opening
    write(ana.doc, 'a2')
    await until(() => allSaved(ana))
    await sleep(200)
    const cid = phone(server, secret, 'cid')
    let got = true
    await until(() => cid.titles().includes('a2'), 5000).catch(() => { got = false })
    release()
    ana.sync.destroy()
    cid.sync.destroy()
    expect(got).toBe(true)
  })
})
