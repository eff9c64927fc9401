/**
 * The first screen carries only its own English (issue #25); the other screens' words come in later.ts, which each
 * lazy screen imports. A screen that shows a word later.ts holds without importing it would show nothing (and then,
 * a moment later, the words): this reads the import graph of src/ui and holds both halves.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { en } from '../../../src/ui/i18n/en.ts'
import { errorsFirstEn } from '../../../src/ui/i18n/errors-first.ts'
import { errorsEn } from '../../../src/ui/i18n/errors.ts'
import { laterEn } from '../../../src/ui/i18n/later.ts'
import { t } from '../../../src/ui/i18n/index.ts'

const root = resolve(import.meta.dirname, '../../..')
const ui = join(root, 'src/ui')
const LATER = 'src/ui/i18n/later.ts'

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : []
  })

const code = new Map(files(ui).map((f) => [relative(root, f), readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '')]))
const target = (from: string, spec: string) => {
  const to = relative(root, resolve(root, dirname(from), spec.split('?')[0]))
  return code.has(to) ? to : null
}
/** what a module imports for its code to run (type-only imports load nothing), and what it loads later */
const imports = (path: string) => {
  const text = code.get(path)!
  const now: string[] = []
  for (const m of text.matchAll(/^[ \t]*(?:import|export)(\s+type)?\s+([\w$*\s,{}]*?)\s*from\s*['"](\.[^'"]+)['"]/gm)) {
    const typeOnly = !!m[1] || (/^\{[^}]*\}$/.test(m[2].trim()) && m[2].replace(/[{}]/g, '').split(',').every((n) => /^\s*type\s/.test(n) || !n.trim()))
    const to = target(path, m[3])
    if (to && !typeOnly) now.push(to)
  }
  for (const m of text.matchAll(/^[ \t]*import\s*['"](\.[^'"]+)['"]/gm)) {
    const to = target(path, m[1])
    if (to) now.push(to)
  }
  const later = [...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => target(path, m[1])).filter((t): t is string => !!t)
  return { now, later }
}

/** every module that runs when `entry` is loaded */
const closure = (entry: string) => {
  const seen = new Set<string>()
  const visit = (p: string) => {
    if (seen.has(p)) return
    seen.add(p)
    for (const q of imports(p).now) visit(q)
  }
  visit(entry)
  return seen
}

const laterGroups = Object.keys(laterEn)
/** the words of later.ts a module names: a key in quotes (in t() or a table of keys), or a group built at run time */
const laterKeysIn = (path: string) => {
  const text = code.get(path)!
  const keys = [...text.matchAll(/['"`]([a-zA-Z]+)\.(\w+)['"`]/g)]
    .filter((m) => laterGroups.includes(m[1]) && m[2] in (laterEn as Record<string, object>)[m[1]]).map((m) => `${m[1]}.${m[2]}`)
  const groups = [...text.matchAll(/`([a-zA-Z]+)\.\$\{/g)].filter((m) => laterGroups.includes(m[1])).map((m) => `${m[1]}.*`)
  return [...keys, ...groups]
}

const FIRST = 'src/ui/main.tsx'
const entries = [FIRST, ...new Set([...code.keys()].filter((p) => !p.startsWith('src/ui/i18n/')).flatMap((p) => imports(p).later))]

describe('the first screen’s words', () => {
  it('reads the graph it checks', () => {
    expect(closure(FIRST)).toContain('src/ui/pages/Home.tsx')
    expect(closure(FIRST)).toContain('src/ui/i18n/catalogues.ts')
    expect(entries).toContain('src/ui/pages/Settings.tsx')
    expect(entries).toContain('src/ui/parts/share/Scan.tsx')
    expect(laterKeysIn('src/ui/pages/Settings.tsx').length).toBeGreaterThan(0)
  })

  it('no module of the first screen names a word that comes later, and later.ts is not part of it', () => {
    const first = closure(FIRST)
    expect([...first].filter((p) => p === LATER)).toEqual([])
    expect([...first].flatMap((p) => laterKeysIn(p).map((k) => `${p}: ${k}`))).toEqual([])
  })

  it('every screen loaded later that names such a word loads later.ts with it', () => {
    const missing = entries.filter((e) => e !== FIRST).flatMap((e) => {
      const all = closure(e)
      const needing = [...all].filter((p) => laterKeysIn(p).length)
      return needing.length && !all.has(LATER) ? [`${e} (for ${needing.join(', ')})`] : []
    })
    expect(missing).toEqual([])
  })

  it('the first screen and later.ts together hold every English word and every code’s, once', () => {
    const both = Object.keys(en).filter((g) => g in laterEn)
    expect(both).toEqual([])
    expect(Object.keys(errorsFirstEn).filter((c) => c in errorsEn)).toEqual([])
  })

  it('a word or a code asked for before later.ts came is said once it comes', async () => {
    expect(t('devices.title')).toBe('Your devices')
    vi.resetModules()
    // a fresh page: the first screen's modules, without later.ts
    const fresh = await import('../../../src/ui/i18n/index.ts')
    expect(fresh.t('home.rooms')).toBe('Your rooms')
    expect(fresh.say({ code: 'not-a-link' })).toMatch(/not a Hearth room link/)
    expect(fresh.t('devices.title')).toBe('')
    expect(fresh.say({ code: 'room-not-here' })).toBe('')
    await import('../../../src/ui/i18n/later.ts')
    expect(fresh.t('devices.title')).toBe('Your devices')
    expect(fresh.say({ code: 'room-not-here' })).toMatch(/not on this device/)
  })
})
