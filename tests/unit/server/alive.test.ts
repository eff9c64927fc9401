import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { keepAlive } from '../../../src/server/alive.ts'

const http = createServer()
const wss = new WebSocketServer({ server: http })
const alive = keepAlive(wss, 250)
const served: WebSocket[] = []
wss.on('connection', (ws, req) => {
  served.push(ws)
  if (!req.url?.includes('refused')) alive.watch(ws)
})
await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok))
const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`

afterAll(async () => {
  alive.stop()
  for (const ws of wss.clients) ws.terminate()
  await new Promise((ok) => wss.close(ok))
  await new Promise((ok) => http.close(ok))
})

const open = (path: string, autoPong = true) => new Promise<WebSocket>((ok, fail) => {
  const ws = new WebSocket(url + path, { autoPong })
  ws.once('open', () => ok(ws))
  ws.once('error', fail)
})
const closed = (ws: WebSocket) => new Promise<void>((ok) => (ws.readyState === ws.CLOSED ? ok() : ws.once('close', () => ok())))

describe('the server keeps sockets alive', () => {
  it('ends a socket that stops answering pings, or one it never watched, and keeps one that answers', async () => {
    const answering = await open('/a')
    const silent = await open('/b', false)
    const refused = await open('/refused')
    await Promise.all([closed(silent), closed(refused)])
    await new Promise((ok) => setTimeout(ok, 750))
    expect(answering.readyState).toBe(WebSocket.OPEN)
    expect(served.length).toBe(3)
    answering.close()
  })
})
