import { describe, expect, it } from 'vitest'
import { newRoomRef, parseRoomLink, roomLink } from '../../../src/sync/index.ts'

describe('room links', () => {
  it('round-trips a room through a link a person can paste', () => {
    const ref = newRoomRef('Allotment crew')
    const link = roomLink(ref, 'https://hearth.example/app/?x=1#/old')
    expect(link).toMatch(/^https:\/\/hearth\.example\/app\/\?x=1#\/r\/[A-Za-z0-9_-]{21}\?k=/)
    expect(parseRoomLink(link)).toEqual({ ok: true, ref })
    expect(parseRoomLink(`  ${link}\n`)).toEqual({ ok: true, ref })
  })

  it('keeps the key in the fragment, which no server sees', () => {
    const ref = newRoomRef()
    const url = new URL(roomLink(ref, 'https://hearth.example/'))
    expect(url.search).toBe('')
    expect(url.hash).toContain(ref.secret)
  })

  it('explains what is wrong with a bad link', () => {
    const ref = newRoomRef()
    const good = roomLink(ref, 'https://h.example/')
    const cases: [string, string][] = [
      ['', 'not-a-link'],
      ['https://h.example/', 'not-a-link'],
      [good.replace(ref.id, ref.id.slice(0, 10)), 'link-id-damaged'],
      [good.split('?k=')[0], 'link-no-key'],
      [good.slice(0, good.indexOf('k=') + 10), 'link-key-damaged'],
      ['#/r/<script>?k=x', 'link-id-damaged'],
    ]
    for (const [text, code] of cases) expect(parseRoomLink(text)).toEqual({ ok: false, error: { code } })
  })

  it('catches a key that was changed: new rooms take their id from their key', () => {
    const ref = newRoomRef('Porch')
    const last = ref.secret.at(-1) === 'a' ? 'b' : 'a'
    const changed = roomLink({ ...ref, secret: ref.secret.slice(0, -1) + last }, 'https://h.example/')
    const r = parseRoomLink(changed)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toEqual({ code: 'link-wrong-key' })
  })

  it('still opens a room made before ids came from keys, on a device that holds it', () => {
    const old = { id: 'A'.repeat(21), secret: 'b'.repeat(32) }
    const link = roomLink(old, 'https://h.example/')
    expect(parseRoomLink(link).ok).toBe(false)
    expect(parseRoomLink(link, (id) => (id === old.id ? old : undefined))).toEqual({ ok: true, ref: old })
  })
})
