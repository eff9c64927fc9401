import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RelayStore } from '../../../../src/sync/relay/index.ts'
import { allSaved, relayLog, streamGaps } from '../../fixtures/phone.ts'
import { removeStandIn, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { phone, write } from './phones.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { Op } from '../../../../src/protocol/index.ts'

let server: Server
let dir: string
beforeAll(async () => { server = await startServer({ HEARTH_DATA: (dir = tempDir('r7-reload-pos')) }) })
afterAll(async () => { await server.stop(); removeStandIn(); rmSync(dir, { recursive: true, force: true }) })

/**
 * A page's IndexedDB as it is when the page is closed a moment after its join: the outbox written while offline (the
 * first write) committed; what the join wrote (the cursor, the outbox with the positions its pushes went with) had not.
 */
const closedEarly = () => {
  const data = new Map<string, unknown>()
  let first = true
  const store: RelayStore = {
    get: async (k) => structuredClone(data.get(k)),
    set: async (k, v) => {
      if (k === 'relay-outbox' && first) { first = false; data.set(k, structuredClone(v)) }
      // later writes are still in flight when the page goes
    },
  }
  return { data, store }
}

const memoryOf = (data: Map<string, unknown>): RelayStore & { data: Map<string, unknown> } =>
  ({ data, get: async (k) => structuredClone(data.get(k)), set: async (k, v) => { data.set(k, structuredClone(v)) } })

describe('an offline edit pushed at join, the page closed before the outbox with its position was written', () => {
  it('is pushed again after the reload without leaving a hole in the new stream', { timeout: 40_000 }, async () => {
    const secret = `reload pos ${Math.random()}`
    const doc = new Y.Doc()
    const first = closedEarly()
    const ana = phone(server.relay, secret, 'ana', first.store as never, doc)
    write(doc, 'x') // made before the join: queued without a position, and saved so
    // the join pushes it (its position taken now); the page closes once the relay has it
    let head = 0
    await until(() => head >= 1, 20_000, async () => { head = (await relayLog(server, secret)).head })
    ana.sync.destroy()

    // the reload: the document as IndexedDB holds it, the outbox as it was last written (x with no position)
    const saved = first.data.get('relay-outbox') as { id: string; pos?: unknown }[]
    expect(saved.length).toBe(1)
    const again = new Y.Doc()
    Y.applyUpdate(again, Y.encodeStateAsUpdate(doc))
    const back = phone(server.relay, secret, 'ana', memoryOf(new Map(first.data)), again)
    await until(() => allSaved(back), 20_000)
    write(again, 'y')
    await until(() => allSaved(back), 20_000)
    back.sync.destroy()

    // every stream in the log runs 1, 2, … with no gap: a gap is what a reader takes for an entry withheld
    const gaps = streamGaps((await relayLog(server, secret)).entries)
    // what that costs: a newcomer takes the honest relay for one that withholds, and reads its log and kept history again
    const proxy = await hostileProxy(server.relay)
    try {
      const cai = phone(proxy.url, secret, 'cai')
      await until(() => allSaved(cai) && cai.titles().length === 2, 20_000)
      await sleep(1500)
      cai.sync.destroy()
      const reads = proxy.sent.filter((s) => s.op === Op.History && s.who === 'cai').length
      expect({ gaps, historyReads: reads }).toEqual({ gaps: [], historyReads: 0 })
    } finally {
      await proxy.close()
    }
  })
})
