import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as wire from '../../../../src/protocol/index.ts'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { warmRelay } from '../../../../src/sync/relay/index.ts'
import { phone } from '../../fixtures/phone.ts'
import { removeStandIn, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'

let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('early-newcomer-keptk') }) })
afterAll(async () => { await server.stop(); removeStandIn() })

describe('a link read while the relay is out of reach', () => {
  it("is not sent later, when another room opens after the warm window, for a room never opened", async () => {
    let reachable = false
    const joined: string[] = []
    const proxy = await hostileProxy(server.relay, (m, asked) => {
      // out of reach: no challenge ever comes (as a socket that never connects)
      if (m.op === wire.Op.Challenge && !reachable) return null
      if (m.op === wire.Op.State && asked?.op === wire.Op.Join) joined.push(asked.topic)
      return m
    })
    const relay = proxy.url
    const url = `${relay}?phone=cid`
    const b = `never-opened ${Math.random()}`
    warmRelay(url, b) // cid reads room B's link offline, then never opens B (or leaves it)
    await sleep(16_000) // the warm window is over; no room was attached
    reachable = true
    proxy.drop()
    // later, back online, cid opens another room X on the same relay
    const x = `x ${Math.random()}`
    const cid = phone({ relay } as Server, x, 'cid')
    await until(() => cid.sync.state().state === 'saved')
    await sleep(300)
    cid.sync.destroy()
    await proxy.close()
    expect(joined).toEqual([roomKeys(x).topic])
  }, 40_000)
})
