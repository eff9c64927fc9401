import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allSaved, phone, write, warmedNewcomer } from '../../fixtures/phone.ts'
import { removeStandIn, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'

let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('early-join-after-leave') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe("a newcomer's early Join, when its room closes before joining", () => {
  it('ends with its Leave: the room opened again joins anew, gets what is live and may push', async () => {
    const { secret, ana } = await warmedNewcomer(server, 'early-leave')
    await sleep(300) // the early Join's State is in
    // the room opens and closes before its own join (its cursor still loading): its release sends Leave
    const first = phone(server, secret, 'cid')
    first.sync.destroy()
    await sleep(100)
    // it opens again: its first join (since 0) takes the early State, sent before the Leave
    const cid = phone(server, secret, 'cid')
    await until(() => cid.titles().includes('a1'))
    await until(() => cid.sync.state().state === 'saved')
    write(ana.doc, 'a2')
    await until(() => allSaved(ana))
    write(cid.doc, 'c1')
    let gotA2 = true, anaGotC1 = true
    await until(() => cid.titles().includes('a2'), 4000).catch(() => { gotA2 = false })
    await until(() => ana.titles().includes('c1'), 4000).catch(() => { anaGotC1 = false })
    ana.sync.destroy()
    cid.sync.destroy()
    expect({ gotA2, anaGotC1 }).toEqual({ gotA2: true, anaGotC1: true })
  })
})
