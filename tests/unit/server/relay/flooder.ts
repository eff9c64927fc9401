/**
 * A flood from its own process (so the test's measuring client isn't slowed by it): joins a room `joins` times on
 * one socket and reads what comes, counting frames, or reads nothing. Usage: flooder.ts <relay url> <room secret> <joins> <read|stall> [from]
 * Prints "joined" once its joins are sent, and the frames it got when stdin closes.
 */
import WebSocket from 'ws'
import { roomKeys, signWrite } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'

const [url, secret, joins, mode, from] = process.argv.slice(2)
const keys = roomKeys(secret)
const ws = new WebSocket(url, { localAddress: from, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 })
let got = 0
ws.on('error', () => {})
ws.once('message', (data) => {
  const m = wire.decodeRelay(new Uint8Array(data as Buffer))
  if (m?.op !== wire.Op.Challenge) process.exit(2)
  const sig = signWrite(keys, wire.readProof(m.nonce, keys.topic, wire.relayOrigin(url)!))
  for (let req = 1; req <= Number(joins); req++) ws.send(wire.encodeClient({ op: wire.Op.Join, req, topic: keys.topic, pub: keys.writePub, sig, since: 0 }))
  if (mode === 'read') ws.on('message', () => { got++ })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  else (ws as any)._socket.pause()
  console.log('joined')
})
process.stdin.resume()
process.stdin.on('end', () => {
  console.log(`got ${got}`)
  process.exit(0)
})
