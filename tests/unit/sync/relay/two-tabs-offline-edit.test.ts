import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { allSaved, memory, relayLog, streamGaps } from '../../fixtures/phone.ts'
import { freePort, removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { phone, write } from './phones.ts'

let server: Server | undefined
let dir: string
afterAll(async () => { await server?.stop(); removeStandIn(); rmSync(dir, { recursive: true, force: true }) })

/**
 * Two tabs of one browser in one room share its IndexedDB, so its outbox. An edit made offline in one tab is saved there
 * without a position; the other tab, opened meanwhile, loads it too. Back online, each tab pushes it under the same id
 * with a position of its own stream: the relay keeps the first and answers the second with it, so the second tab's
 * stream has a hole at that position for every reader. Before the change the position was saved with the edit.
 */
describe('an edit made offline, with the room open in two tabs', () => {
  it('leaves no hole in either tab\'s stream', { timeout: 40_000 }, async () => {
    const port = await freePort()
    const url = `ws://127.0.0.1:${port}/relay`
    const secret = `two tabs ${Math.random()}`
    const store = memory()
    const docA = new Y.Doc()
    const a = phone(url, secret, 'tab-a', store, docA)
    write(docA, 'x') // offline
    await until(() => Array.isArray(store.data.get('relay-outbox')) && (store.data.get('relay-outbox') as unknown[]).length === 1)
    const docB = new Y.Doc()
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA)) // the same room from IndexedDB
    const b = phone(url, secret, 'tab-b', store, docB)
    await new Promise((r) => setTimeout(r, 100))
    // back online
    server = await startServer({ HEARTH_DATA: (dir = tempDir('r7-two-tabs')), PORT: String(port) })
    await until(() => allSaved(a) && allSaved(b), 30_000)
    write(docA, 'ya')
    write(docB, 'yb')
    await until(() => allSaved(a) && allSaved(b), 20_000)
    a.sync.destroy()
    b.sync.destroy()

    const gaps = streamGaps((await relayLog(server, secret)).entries)
    expect(gaps).toEqual([])
  })
})
