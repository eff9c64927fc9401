import { rmSync, statSync } from 'node:fs'
import https from 'node:https'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeStandIn, tempDir } from '../fixtures/relay.ts'
import { serve, upgradeStatus, type Started } from '../fixtures/server.ts'

let server: Started
let certs: string

beforeAll(async () => {
  certs = join(tempDir('https'), '.certs')
  server = await serve({ HTTPS: '1', HEARTH_CERTS: certs })
}, 30_000)
afterAll(async () => {
  await server?.done()
  rmSync(dirname(certs), { recursive: true, force: true })
  removeStandIn()
})

const get = (url: string) => new Promise<{ status: number; headers: Record<string, unknown> }>((ok, fail) => {
  https.get(url, { rejectUnauthorized: false }, (res) => {
    res.resume()
    ok({ status: res.statusCode ?? 0, headers: res.headers })
  }).once('error', fail)
})

describe('npm start --https', () => {
  it('serves with a key only its owner can read, and the same headers', async () => {
    expect(statSync(certs).mode & 0o777).toBe(0o700)
    expect(statSync(join(certs, 'key.pem')).mode & 0o777).toBe(0o600)
    const res = await get(server.url)
    expect(res.status).toBe(200)
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('takes websockets from its own https origin only', async () => {
    const tls = { rejectUnauthorized: false }
    expect(await upgradeStatus(server.signal, { Origin: `https://127.0.0.1:${server.port}` }, tls)).toBe(101)
    expect(await upgradeStatus(server.signal, {}, tls)).toBe(101)
    expect(await upgradeStatus(server.signal, { Origin: `http://127.0.0.1:${server.port}` }, tls)).toBe(403)
  })
})
