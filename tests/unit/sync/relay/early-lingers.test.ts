import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WS from 'ws'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { decodeRelay } from '../../../../src/protocol/index.ts'
import { relaySocket, warmRelay } from '../../../../src/sync/relay/index.ts'
import { allSaved, phone, write } from '../../fixtures/phone.ts'
import { removeStandIn, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'

// what cid's page receives, frame by frame
const got: { at: number; topic?: string; op: number }[] = []
class Spy extends WS {
  constructor(url: string, ...rest: unknown[]) {
    super(url, ...(rest as []))
    if (String(url).includes('phone=cid')) this.addEventListener('message', (e) => {
      const m = decodeRelay(new Uint8Array(e.data as ArrayBuffer))
      if (m) got.push({ at: Date.now(), topic: (m as { topic?: string }).topic, op: m.op })
    })
  }
}

let server: Server
beforeAll(async () => { (globalThis as { WebSocket?: unknown }).WebSocket = Spy; server = await startServer({ HEARTH_DATA: tempDir('early-lingersl') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe('a warmed newcomer join whose room never opens', () => {
  it('is left when the warm window ends: the page no longer follows that room nor holds its frames', async () => {
    const other = phone(server, `other ${Math.random()}`, 'cid') // another room keeps cid's socket open
    const url = `${server.relay}?phone=cid`
    await until(() => relaySocket(url).isOpen())
    const secret = `linger ${Math.random()}`
    const ana = phone(server, secret, 'ana')
    write(ana.doc, 'a1')
    await until(() => allSaved(ana))
    // cid reads B's link, but goes elsewhere: B's room never opens on this page
    warmRelay(url, secret)
    await sleep(16_000) // past WARM_MS (15 s)
    const after = Date.now()
    write(ana.doc, 'late')
    await until(() => allSaved(ana))
    await sleep(500)
    const topic = roomKeys(secret).topic
    const stillFollowed = got.filter((f) => f.at >= after && f.topic === topic)
    ana.sync.destroy()
    other.sync.destroy()
    expect(stillFollowed).toEqual([])
  }, 40_000)
})
