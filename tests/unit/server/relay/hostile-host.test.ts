import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { signWrite } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { removeStandIn, room, sleep } from '../../fixtures/relay.ts'
import { serve, type Started } from '../../fixtures/server.ts'

const { Op } = wire

/** joins at `relay` as a hostile relay would, sending `host` as Host and no Origin, with a proof made for `origin` */
const joinWithHost = async (relay: string, host: string, origin: string) => {
  const keys = room()
  const ws = new WebSocket(relay, { headers: { Host: host } })
  const got: wire.RelayMessage[] = []
  ws.on('message', (d) => got.push(wire.decodeRelay(new Uint8Array(d as Buffer))!))
  ws.on('error', () => {})
  await new Promise((ok) => ws.once('open', ok))
  while (!got.length) await sleep(20)
  const nonce = (got[0] as { nonce: Uint8Array }).nonce
  const sig = signWrite(keys, wire.readProof(nonce, keys.topic, origin))
  ws.send(wire.encodeClient({ op: Op.Join, req: 1, topic: keys.topic, pub: keys.writePub, sig, since: 0 }))
  while (got.length < 2) await sleep(20)
  ws.close()
  return got[1]
}

describe('relay without HEARTH_ORIGIN: a Host names this relay only on a loopback or local network', () => {
  let honest: Started
  beforeAll(async () => { honest = await serve() }, 30_000)
  afterAll(async () => {
    await honest?.done()
    removeStandIn()
  })

  it('refuses a proof made for ws://evil.example when a hostile relay sends Host: evil.example, and says once that HEARTH_ORIGIN must be set', async () => {
    expect(await joinWithHost(honest.relay, 'evil.example', 'ws://evil.example')).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    expect(await joinWithHost(honest.relay, 'evil.example:8080', 'ws://evil.example:8080')).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    expect(await joinWithHost(honest.relay, '8.8.8.8', 'ws://8.8.8.8')).toMatchObject({ op: Op.Error, code: 'bad-signature' })
    expect(honest.output().match(/HEARTH_ORIGIN/g)?.length).toBe(1)
  })

  it('takes a proof for the Host it was reached at on loopback and a local network', async () => {
    const port = new URL(honest.relay).port
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, '192.168.1.20:8080', '10.0.0.7', '[fe80::1]:8080', `[::1]:${port}`]) {
      expect(await joinWithHost(honest.relay, host, `ws://${host}`), host).toMatchObject({ op: Op.State })
    }
  })
})
