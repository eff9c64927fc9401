import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { signWrite } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { connect, removeStandIn, room } from '../../fixtures/relay.ts'
import { serve, type Started } from '../../fixtures/server.ts'

const { Op } = wire

/**
 * A hostile relay that a member points the app at: it opens its own socket to the honest relay, hands the member
 * the honest relay's challenge as its own, and passes every frame the member sends on. `host` is the Host header it
 * sends the honest relay (a hostile relay chooses it).
 */
const hostileRelay = async (honest: string, host?: string) => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((ok) => wss.once('listening', ok))
  /** what the honest relay answered the hostile one, decoded */
  const gained: wire.RelayMessage[] = []
  wss.on('connection', (member) => {
    const upstream = new WebSocket(honest, { headers: host ? { host } : {} })
    upstream.on('error', () => {})
    upstream.on('message', (data) => {
      const m = wire.decodeRelay(new Uint8Array(data as Buffer))!
      if (m.op !== Op.Challenge) gained.push(m)
      member.send(data)
    })
    member.on('message', (data) => upstream.send(data))
    member.on('close', () => upstream.close())
  })
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/relay`
  return { url, gained, close: () => { for (const c of wss.clients) c.terminate(); wss.close() } }
}

describe('relay: a proof names the relay it was made for', () => {
  let honest: Started
  beforeAll(async () => { honest = await serve() }, 30_000)
  afterAll(async () => { await honest?.done() })

  it("refuses a member's proof that a hostile relay passed on from its own challenge, and the hostile relay gains nothing", async () => {
    const keys = room()
    const owner = await connect(honest.relay)
    expect(await owner.join(keys)).toMatchObject({ op: Op.State })
    const hostile = await hostileRelay(honest.relay)
    // the member connects to the hostile relay and signs for it, as the app does for the relay it is pointed at
    const member = await connect(hostile.url)
    expect(await member.join(keys)).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    expect(hostile.gained.filter((m) => m.op === Op.State)).toEqual([])
    // an honest client of the honest relay still joins
    expect(await owner.join(keys)).toMatchObject({ op: Op.State })
    member.close()
    owner.close()
    hostile.close()
  })
})

describe('relay: HEARTH_ORIGIN', () => {
  let honest: Started
  beforeAll(async () => { honest = await serve({ HEARTH_ORIGIN: 'https://hearth.test' }) }, 30_000)
  afterAll(async () => {
    await honest?.done()
    removeStandIn()
  })

  it('takes a proof that names its public origin, and refuses one made for any other relay, even with a Host header made up to match', async () => {
    const keys = room()
    const c = await connect(honest.relay)
    const joinFor = (origin: string) =>
      c.ask((req) => ({ op: Op.Join, req, topic: keys.topic, pub: keys.writePub, sig: signWrite(keys, wire.readProof(c.nonce, keys.topic, origin)), since: 0 }))
    expect(await joinFor('ws://127.0.0.1:1')).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    expect(await joinFor('wss://evil.test')).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    // the address the client reached it at is not its public origin once that is set
    expect(await c.join(keys)).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    expect(await joinFor('wss://hearth.test')).toMatchObject({ op: Op.State })
    expect(await joinFor(wire.relayOrigin('wss://hearth.test:443/relay')!)).toMatchObject({ op: Op.State })
    c.close()

    const hostile = await hostileRelay(honest.relay, new URL(honest.relay).host)
    const member = await connect(hostile.url)
    expect(await member.join(keys)).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    const forged = await hostileRelay(honest.relay, new URL(hostile.url).host)
    const fooled = await connect(forged.url)
    expect(await fooled.join(keys)).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    expect([...hostile.gained, ...forged.gained].filter((m) => m.op === Op.State)).toEqual([])
    member.close()
    fooled.close()
    hostile.close()
    forged.close()
  })

  it('refuses to start with a HEARTH_ORIGIN that is not an origin', async () => {
    await expect(serve({ HEARTH_ORIGIN: 'not an origin' })).rejects.toThrow(/HEARTH_ORIGIN/)
  }, 30_000)
})

describe('relayOrigin', () => {
  it('is the scheme (ws or wss), host and port, with the default port left out', () => {
    expect(wire.relayOrigin('wss://Hearth.Example:443/relay')).toBe('wss://hearth.example')
    expect(wire.relayOrigin('https://hearth.example/relay')).toBe('wss://hearth.example')
    expect(wire.relayOrigin('ws://127.0.0.1:8080/relay')).toBe('ws://127.0.0.1:8080')
    expect(wire.relayOrigin('ws://[::1]:80/relay')).toBe('ws://[::1]')
    expect(wire.relayOrigin('ftp://x/relay')).toBeNull()
    expect(wire.relayOrigin('relay')).toBeNull()
  })
})
