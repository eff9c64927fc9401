import { describe, expect, it } from 'vitest'
import { createIdentity, loadIdentity, memoryKeyStore, sign, verify } from '../../../src/identity/index.ts'

describe('identity', () => {
  it('derives a 43-character member id from the public key', async () => {
    const a = await createIdentity()
    const b = await createIdentity()
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.id).not.toBe(b.id)
  })

  it('verifies its own signature and refuses anyone else’s or a changed message', async () => {
    const a = await createIdentity()
    const b = await createIdentity()
    const sig = await sign(a, 'hello')
    expect(await verify(a.id, 'hello', sig)).toBe(true)
    expect(await verify(b.id, 'hello', sig)).toBe(false)
    expect(await verify(a.id, 'hello!', sig)).toBe(false)
  })

  it('never throws on garbage ids or signatures', async () => {
    const a = await createIdentity()
    for (const [id, sig] of [['nope', 'x'], [a.id, ''], [a.id, '!!!'], ['A'.repeat(43), 'A'.repeat(86)], [a.id, 'A'.repeat(86)]])
      expect(await verify(id, 'hello', sig)).toBe(false)
  })

  it('keeps one identity per device store', async () => {
    const store = memoryKeyStore()
    const first = await loadIdentity(store)
    const again = await loadIdentity(store)
    expect(again.id).toBe(first.id)
    expect(await verify(first.id, 'm', await sign(again, 'm'))).toBe(true)
    expect((await loadIdentity(memoryKeyStore())).id).not.toBe(first.id)
  })
})
