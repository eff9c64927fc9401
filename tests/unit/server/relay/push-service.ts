import { createRequire } from 'node:module'
import type { Server } from 'node:http'
import { rmSync } from 'node:fs'
import * as wire from '../../../../src/protocol/index.ts'
import { connect, freePort, removeStandIn, sleep, startRedis, startServer, tempDir } from '../../fixtures/relay.ts'

const require = createRequire(import.meta.url)

export interface TestSubscription { endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string }

/**
 * web-push-testing in this process: a real Web Push endpoint (RFC 8030/8291, VAPID checked) on a free port. It
 * decrypts what reaches each subscription with the subscription's keys and keeps it, as a browser would.
 */
export const startPushService = async () => {
  const port = await freePort()
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js')
  const PushServer = require('web-push-testing/src/server.js')
  const log = console.log
  console.log = () => {}
  const service = new PushServer(new PushApiModel(), port)
  service.startServer()
  console.log = log
  const base = `http://localhost:${port}`
  const post = async (path: string, body: unknown) => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, body: await res.json().catch(() => null) }
  }
  for (let i = 0; i < 100 && (await fetch(base + '/status', { method: 'POST' }).catch(() => null))?.status !== 200; i++) await sleep(20)
  return {
    /** a browser's PushManager.subscribe, with the relay's VAPID key */
    subscribe: async (applicationServerKey: string): Promise<TestSubscription> => {
      const r = await post('/subscribe', { userVisibleOnly: 'true', applicationServerKey })
      if (r.status !== 200) throw new Error(`subscribe failed: ${JSON.stringify(r.body)}`)
      return r.body.data
    },
    /** what reached the subscription, decrypted with its keys: the text the relay pushed */
    messages: async (sub: TestSubscription): Promise<string[]> => (await post('/get-notifications', { clientHash: sub.clientHash })).body?.data?.messages ?? [],
    /** the push service forgets the subscription: later pushes to it get 410 */
    expire: (sub: TestSubscription) => post(`/expire-subscription/${sub.clientHash}`, {}),
    stop: () => new Promise<void>((ok) => (service._server as Server).close(() => ok())),
  }
}
export type PushService = Awaited<ReturnType<typeof startPushService>>

/**
 * A relay (with the embedded store or a Redis of its own) that pushes to a web-push-testing service, with its VAPID
 * key asked over the wire as a browser would: what every push test starts from.
 */
export const startPushRelay = async (backend: 'embedded' | 'redis', name: string, env: Record<string, string> = {}) => {
  const service = await startPushService()
  const data = tempDir(name)
  const redis = backend === 'redis' ? await startRedis() : null
  const server = await startServer({ HEARTH_DATA: data, PUSH_INSECURE: '1', ...env, ...(redis ? { REDIS_URL: redis.url } : {}) })
  const c = await connect(server.relay)
  const vapid = (await c.ask((req) => ({ op: wire.Op.AskPushKey, req })) as { key: string }).key
  c.close()
  return {
    service, server, vapid,
    stop: async () => {
      await server.stop()
      await service.stop()
      await redis?.stop()
      rmSync(data, { recursive: true, force: true })
      removeStandIn()
    },
  }
}
