import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allSaved, memory, newcomerReads, relayLog } from '../../fixtures/phone.ts'
import { removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { tags } from '../../fixtures/shaped.ts'
import { phone as phoneAt, write } from './phones.ts'

let server: Server
let dir: string
beforeAll(async () => { server = await startServer({ HEARTH_DATA: (dir = tempDir('start-first')) }) })
afterAll(async () => { await server.stop(); removeStandIn(); rmSync(dir, { recursive: true, force: true }) })

/** the relay's log as a newcomer with no peer reads it: each entry opened and merged in seq order; whether each could be placed */
const readLog = async (secret: string) => {
  const { entries, snapshot } = await relayLog(server, secret)
  const doc = new Y.Doc()
  const placed = entries.map((e) => {
    Y.applyUpdate(doc, e!.update)
    return !doc.store.pendingStructs
  })
  return { placed, snapshot, titles: tags(doc.getMap('records').values()) }
}

/**
 * Ana makes a room (its start is written before the relay starts, as the app does) and edits it before her first join
 * has answered. Before the change the queued edits went first and the start after them (the join's repair): a
 * newcomer reading the log could place none of the edits until the start came, and set them aside.
 */
describe("a room's start written before the relay came, with edits queued behind it", () => {
  it("reaches the relay first: every entry of the log can be placed as it is read", { timeout: 30_000 }, async () => {
    const secret = `start first ${Math.random()}`
    const doc = new Y.Doc()
    write(doc, 'start')
    const ana = phoneAt(server.relay, secret, 'ana', memory(), doc)
    write(doc, 'e1')
    write(doc, 'e2')
    await until(() => allSaved(ana), 20_000)
    let log = await readLog(secret)
    await until(() => log.titles.length === 3, 10_000, async () => { log = await readLog(secret) })
    ana.sync.destroy()
    expect(log.snapshot).toBe(false)
    expect(log.titles).toEqual(['e1', 'e2', 'start'])
    expect(log.placed).toEqual(log.placed.map(() => true))
    expect((await newcomerReads(server, secret, 3)).sort()).toEqual(['e1', 'e2', 'start'])
  })
})
