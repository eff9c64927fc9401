import { afterAll, beforeAll, describe, it } from 'vitest'
import { relaySocket, warmRelay } from '../../../../src/sync/relay/index.ts'
import { allSaved, phone, write, warmedNewcomer } from '../../fixtures/phone.ts'
import { removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'

let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('warm') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe('a room link read before its room opens', () => {
  it('connects to the relay at once, and the room that opens then syncs over that socket', async () => {
    const url = `${server.relay}?phone=ben`
    warmRelay(url)
    // connected (its challenge in) with no room attached yet: the room's store is still opening
    await until(() => relaySocket(url).isOpen())
    const secret = `warm ${Math.random()}`
    const ana = phone(server, secret, 'ana')
    const ben = phone(server, secret, 'ben')
    write(ana.doc, 'a1')
    await until(() => ben.titles().includes('a1'))
    ana.sync.destroy()
    ben.sync.destroy()
  })

  it('asks for a new room from the start while it opens, and loses nothing the room got meanwhile', async () => {
    const { secret, ana } = await warmedNewcomer(server, 'early')
    // a live entry for the room reaches the socket before the room is there to take it
    write(ana.doc, 'a2')
    await until(() => allSaved(ana))
    const cid = phone(server, secret, 'cid')
    await until(() => cid.titles().includes('a1') && cid.titles().includes('a2'))
    write(ana.doc, 'a3')
    await until(() => cid.titles().includes('a3'))
    ana.sync.destroy()
    cid.sync.destroy()
  })
})
