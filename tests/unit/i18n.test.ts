import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS, contentErrors } from '../../src/model/index.ts'
import { checkRelayUrl, checkSignalingUrl, parseRoomLink } from '../../src/sync/index.ts'
import { en } from '../../src/ui/i18n/en.ts'
import { es } from '../../src/ui/i18n/es.ts'
import { detectLocale, hasKey, setLocale, t } from '../../src/ui/i18n/index.ts'
import { knownMessages, msg } from '../../src/ui/i18n/messages.ts'

const root = resolve(import.meta.dirname, '../..')

/** Every leaf of a nested catalogue as `a.b` → the kind of value there. */
const leaves = (dict: object, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(dict)) {
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv)
    else out.set(`${prefix}${k}`, typeof v)
  }
  return out
}

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : []
  })

afterEach(() => setLocale('en'))

describe('the catalogues', () => {
  it('English and Spanish have exactly the same keys, each a string or a function in both', () => {
    const a = leaves(en)
    const b = leaves(es)
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
    for (const [k, kind] of a) expect(`${k}: ${b.get(k)}`).toBe(`${k}: ${kind}`)
    expect(a.size).toBeGreaterThan(300)
  })

  it('every key src/ui asks for exists in English', () => {
    const used = new Set<string>()
    const prefixes = new Set<string>()
    for (const file of files(join(root, 'src/ui'))) {
      if (file.includes(`${join('src', 'ui', 'i18n')}`)) continue
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1])
      // keys built from a value: t(`kind.${kind}`) needs the `kind` group to exist
      for (const m of text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)) prefixes.add(m[1])
      // t(cond ? 'a.b' : 'c.d')
      for (const m of text.matchAll(/\bt\([^()]*\?\s*'([\w.]+)'\s*:\s*'([\w.]+)'/g)) { used.add(m[1]); used.add(m[2]) }
    }
    expect(used.size).toBeGreaterThan(250)
    const all = leaves(en)
    expect([...used].filter((k) => !all.has(k))).toEqual([])
    for (const p of prefixes) expect(Object.keys(en)).toContain(p)
  })

  it('no Spanish string is left in English', () => {
    const a = leaves(en)
    const same = [...a.keys()].filter((k) => {
      const [g, l] = k.split('.')
      const x = (en as any)[g][l]
      const y = (es as any)[g][l]
      return typeof x === 'string' && x === y
    })
    // names, numbers and words both languages write alike
    expect(same.sort()).toEqual(['app.name', 'respond.no'].sort())
  })
})

describe('t()', () => {
  it('follows the chosen language, fills in names, and counts with plurals', () => {
    expect(t('room.invite')).toBe('Invite…')
    expect(t('home.hi', { name: 'Ana' })).toBe('Hi, Ana')
    expect(t('room.count', { n: 1 })).toBe('1 invitation')
    expect(t('room.count', { n: 10000 })).toBe('10,000 invitations')
    expect(t('home.needsAnswer', { n: 1 })).toBe('1 needs your answer')
    expect(t('home.needsAnswer', { n: 3 })).toBe('3 need your answer')
    setLocale('es')
    expect(t('room.invite')).toBe('Invitar…')
    expect(t('home.hi', { name: 'Ana' })).toBe('Hola, Ana')
    expect(t('room.count', { n: 10000 })).toBe('10.000 invitaciones')
    expect(t('home.needsAnswer', { n: 3 })).toBe('3 esperan tu respuesta')
    setLocale('xx')
    expect(t('room.invite')).toBe('Invitar…')
  })

  it('never reads a filler twice, so a name with braces or $& stays as typed', () => {
    expect(t('home.hi', { name: '{{ name }} $& $1' })).toBe('Hi, {{ name }} $& $1')
  })

  it('takes Spanish from any Spanish browser and English from everything else', () => {
    expect(detectLocale(['es-MX', 'en'])).toBe('es')
    expect(detectLocale(['ES'])).toBe('es')
    expect(detectLocale(['de-DE', 'es'])).toBe('es')
    expect(detectLocale(['de-DE', 'fr'])).toBe('en')
    expect(detectLocale([])).toBe('en')
    expect(hasKey('room.invite')).toBe(true)
    expect(hasKey('room')).toBe(false)
  })
})

describe('messages from the model and sync', () => {
  /** The English sentences a file says (its quoted literals that read as one). */
  const sentences = (path: string) =>
    [...readFileSync(join(root, path), 'utf8').matchAll(/'([A-Z][^'\n]* [^'\n]*[.?)])'/g)].map((m) => m[1])

  it('every fixed message in the model’s commands and checks, and in sync’s links, pairing and addresses, is in the catalogue', () => {
    const said = ['src/model/commands/commands.ts', 'src/model/records/content.ts', 'src/model/commands/discussion.ts', 'src/model/commands/about.ts', 'src/model/commands/write.ts', 'src/sync/link.ts', 'src/sync/peers/pairing/pair.ts', 'src/sync/device.ts']
      .flatMap(sentences)
    expect(said.length).toBeGreaterThan(50)
    const known = new Set(knownMessages())
    expect([...new Set(said)].filter((s) => !known.has(s))).toEqual([])
  })

  it('reads them, and the ones with numbers, in Spanish; anything unknown stays as it came', () => {
    setLocale('es')
    const link = parseRoomLink('nonsense')
    expect(link.ok).toBe(false)
    if (!link.ok) expect(msg(link.error)).toMatch(/^Esto no es un enlace de sala de Hearth/)
    expect(msg(checkRelayUrl('nope'))).toMatch(/^Eso no es una dirección web/)
    expect(msg(checkSignalingUrl('http://x'))).toMatch(/^La dirección de un servidor de señalización/)
    // every field error the model gives for empty or wrong content
    for (const kind of ['project', 'event', 'proposal'] as const) {
      const errors = contentErrors(kind, { title: 'x'.repeat(LIMITS.title + 1), text: 5, skills: ['x'.repeat(LIMITS.skill + 1)], threshold: 0, capacity: -1, plusOnes: 99, tz: 'Nowhere/Here', online: 'y' })
      for (const e of Object.values(errors)) expect(msg(e), e).not.toBe(e)
    }
    const es = (n: number) => new Intl.NumberFormat('es').format(n)
    expect(msg(`At most ${LIMITS.text.toLocaleString('en')} characters (now 12,345).`)).toBe(`Como mucho ${es(LIMITS.text)} caracteres (ahora ${es(12345)}).`)
    expect(msg('Invitation 3 needs another look.')).toBe('La invitación 3 necesita otra mirada.')
    expect(msg('You can bring up to 2 guests.')).toBe('Puedes traer hasta 2 invitados.')
    expect(msg('This browser could not make or load your key: Error: nope')).toBe('Este navegador no pudo crear ni cargar tu clave: Error: nope')
    expect(msg('Something only the relay says')).toBe('Something only the relay says')
    expect(msg(null)).toBe(null)
    setLocale('en')
    expect(msg('Invitation 3 needs another look.')).toBe('Invitation 3 needs another look.')
  })
})
