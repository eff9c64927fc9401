import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { roomKeys, seal } from '../../../../src/crypto/index.ts'
import { Op } from '../../../../src/protocol/index.ts'
import { relaySocket } from '../../../../src/sync/relay/index.ts'
import { sealEntry } from '../../../../src/sync/relay/sealed.ts'
import { allSaved, newcomerReads } from '../../fixtures/phone.ts'
import { freePort, removeStandIn, sleep, startServer, tempDir, until } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone as phoneAt, write } from './phones.ts'

afterAll(() => removeStandIn())

/**
 * Ana's push of a0 is stored (seq 2) but its Ack is lost with her socket. Mallory, a member, then uploads a snapshot over
 * the whole log that holds b0 and her own m0 but leaves a0 out. When Ana joins again and sends a0 again, the relay
 * answers from its id-dedupe with the old seq, at or below the snapshot's: before the change Ana counted a0 as held, so
 * nothing pushed it anew, and once the kept history expired no relay copy held it.
 */
describe("a push whose Ack was lost, then left out of a member's snapshot", () => {
  it('is pushed anew, not counted from the dedupe answer', { timeout: 60_000 }, async () => {
    const port = await freePort()
    const dir = tempDir('lost-ack')
    const relay = await startServer({ HEARTH_DATA: dir, PORT: String(port), RELAY_KEEP_MS: '1' })
    let dropAcks = false
    const proxy = await hostileProxy(relay.relay, (m, asked) => (dropAcks && m.op === Op.Ack && asked?.op === Op.Push ? null : m))
    try {
      const secret = `lost ack ${Math.random()}`
      const keys = roomKeys(secret)
      const mal = new Y.Doc()
      const steps: Uint8Array[] = []
      mal.on('update', (u: Uint8Array) => steps.push(u))
      write(mal, 'b0')
      const socket = relaySocket(`${relay.relay}?phone=mallory`)
      const release = socket.attach(keys.topic, { open: () => {}, close: () => {}, update: () => {}, heard: () => {} })
      await until(() => socket.isOpen())
      await socket.join(keys, 0)
      await socket.push(keys.topic, 'mal-b0-entry-xxx', sealEntry(keys, { stream: 'malstream000', n: 1 }, steps[0]))
      // Ana knows the relay's log (b0), then writes a0: the relay stores it, its Ack never reaches her
      const ana = phoneAt(proxy.url, secret, 'ana')
      await until(() => allSaved(ana) && ana.titles().length === 1, 20_000)
      dropAcks = true
      write(ana.doc, 'a0')
      await until(() => proxy.sent.some((s) => s.op === Op.Push && s.who === 'ana'), 20_000)
      let head = 0
      await until(() => head === 2, 20_000, async () => { head = (await socket.join(keys, 0)).head })
      // Mallory's snapshot over the whole log: b0 and m0, not a0
      write(mal, 'm0')
      await socket.snapshot(keys.topic, head, seal(keys, 'snapshot', Y.encodeStateAsUpdate(mal)))
      await sleep(50) // the kept history's time is up (it goes at the room's next new entry)
      dropAcks = false
      proxy.drop()
      await until(() => allSaved(ana), 30_000)
      await sleep(1000) // anything Ana pushes after her join has gone
      await until(() => allSaved(ana), 30_000)
      ana.sync.destroy()
      // a new entry lets the relay drop the expired history (and the dedupe ids with it)
      await socket.push(keys.topic, 'mal-empty-entry', sealEntry(keys, { stream: 'malstream000', n: 2 }, Y.encodeStateAsUpdate(new Y.Doc())))
      release()
      expect((await newcomerReads(relay, secret, 3)).sort()).toEqual(['a0', 'b0', 'm0'])
    } finally {
      await proxy.close()
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
