import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeStandIn } from '../fixtures/relay.ts'
import { serve, type Started } from '../fixtures/server.ts'

let server: Started

beforeAll(async () => { server = await serve() }, 30_000)
afterAll(async () => {
  await server?.done()
  removeStandIn()
})

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; worker-src 'self' blob:; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"

const expectGuarded = (res: Response, what: string) => {
  const h = res.headers
  expect(h.get('content-security-policy'), what).toBe(CSP)
  expect(h.get('x-content-type-options'), what).toBe('nosniff')
  expect(h.get('x-frame-options'), what).toBe('DENY')
  expect(h.get('referrer-policy'), what).toBe('no-referrer')
  const permissions = h.get('permissions-policy') ?? ''
  expect(permissions, what).toContain('camera=(self)')
  expect(permissions, what).toContain('microphone=()')
  expect(permissions, what).toContain('geolocation=()')
}

describe('every HTTP response carries the security headers', () => {
  it('on the app, a static file, the index fallback, a 404 and a 304', async () => {
    const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.url), { headers })
    const index = await get('/')
    expect(index.status).toBe(200)
    expectGuarded(index, '/')
    const script = await get('/assets/app.js')
    expect(script.status).toBe(200)
    expectGuarded(script, 'a static file')
    const route = await get('/r/some-room')
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<title>Hearth</title>')
    expectGuarded(route, 'the index fallback')
    const missing = await get('/assets/missing.js')
    expect(missing.status).toBe(404)
    expectGuarded(missing, 'a 404')
    const etag = script.headers.get('etag')!
    const again = await get('/assets/app.js', { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expectGuarded(again, 'a 304')
  })

  it('asks browsers to revalidate the page itself, wherever it is served from', async () => {
    for (const path of ['/', '/index.html', '/r/room']) {
      expect((await fetch(new URL(path, server.url))).headers.get('cache-control'), path).toBe('no-cache')
    }
  })
})
