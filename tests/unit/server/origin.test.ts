import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { originPolicy } from '../../../src/server/origin.ts'
import { removeStandIn } from '../fixtures/relay.ts'
import { serve, upgradeStatus, type Started } from '../fixtures/server.ts'

const started: Started[] = []
let plain: Started
let listed: Started
let open: Started

beforeAll(async () => {
  ;[plain, listed, open] = await Promise.all([
    serve(),
    serve({ HEARTH_ORIGINS: 'https://hearth.example, http://other.example:3000' }),
    serve({ HEARTH_ORIGINS: '*' }),
  ])
  started.push(plain, listed, open)
}, 40_000)
afterAll(async () => {
  await Promise.all(started.map((s) => s.done()))
  removeStandIn()
})

const paths = (s: Started) => [`ws://127.0.0.1:${s.port}/signal`, `ws://127.0.0.1:${s.port}/relay`]

describe('websocket upgrades check Origin', () => {
  it('take a client with no Origin (Node, native apps) and a page on the served origin', async () => {
    for (const url of paths(plain)) {
      expect(await upgradeStatus(url)).toBe(101)
      expect(await upgradeStatus(url, { Origin: `http://127.0.0.1:${plain.port}` })).toBe(101)
      // the served origin is the one the Host header names
      expect(await upgradeStatus(url, { Origin: `http://localhost:${plain.port}`, Host: `localhost:${plain.port}` })).toBe(101)
    }
  })

  it("refuse a hostile page's origin with 403 before upgrading, on /signal and /relay", async () => {
    for (const url of paths(plain)) {
      for (const origin of ['http://evil.example', `http://evil.example:${plain.port}`, 'null', `https://127.0.0.1:${plain.port}`, `http://127.0.0.1:${plain.port + 1}`, 'not a url']) {
        expect(await upgradeStatus(url, { Origin: origin }), `${url} from ${origin}`).toBe(403)
      }
      // a page can't pass itself off as the served origin by the Host it sends: the Origin must match that Host
      expect(await upgradeStatus(url, { Origin: 'http://evil.example', Host: `localhost:${plain.port}` })).toBe(403)
    }
  })

  it('take the origins HEARTH_ORIGINS lists, and only those', async () => {
    for (const url of paths(listed)) {
      expect(await upgradeStatus(url, { Origin: 'https://hearth.example' })).toBe(101)
      expect(await upgradeStatus(url, { Origin: 'HTTP://OTHER.example:3000' })).toBe(101)
      expect(await upgradeStatus(url, { Origin: `http://127.0.0.1:${listed.port}` })).toBe(101)
      expect(await upgradeStatus(url, { Origin: 'http://hearth.example' })).toBe(403)
      expect(await upgradeStatus(url, { Origin: 'http://other.example' })).toBe(403)
    }
  })

  it('take every origin with HEARTH_ORIGINS=*', async () => {
    for (const url of paths(open)) {
      expect(await upgradeStatus(url, { Origin: 'http://evil.example' })).toBe(101)
      expect(await upgradeStatus(url, { Origin: 'null' })).toBe(101)
    }
  })
})

describe('HEARTH_ORIGINS', () => {
  it('is a comma-separated list of origins, or *; anything else stops the server at start', () => {
    expect(originPolicy(undefined)).toEqual({ any: false, allowed: new Set() })
    expect(originPolicy(' https://A.example ,http://b.example:8080/app ')).toEqual({ any: false, allowed: new Set(['https://a.example', 'http://b.example:8080']) })
    expect(originPolicy('https://a.example,*')).toEqual({ any: true })
    expect(() => originPolicy('a.example')).toThrow(/HEARTH_ORIGINS/)
    expect(() => originPolicy('file:///etc')).toThrow(/HEARTH_ORIGINS/)
  })
})
