/**
 * The house's checks (issue #23): what DESIGN.md's "Layout" says, held by the build rather than by memory.
 * Run them alone with `npx vitest run tests/unit/house.test.ts`.
 *
 * Imports are read with a regex, not a parser: static `import`/`export … from` (type-only too) at the start of a
 * line, side-effect `import '…'`, dynamic `import('…')`, and worker entries `new URL('./x.ts', import.meta.url)`.
 * Lines that are comments are skipped, so an example in a comment is not an import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { posix, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

type Kind = 'static' | 'type' | 'dynamic' | 'worker'
/** `to` is the file a relative specifier names, as a path from the repository root; packages have none */
type Import = { spec: string; kind: Kind; to?: string }
type Source = { path: string; code: string; imports: Import[] }

const CODE = /\.tsx?$/

const walk = (dir: string): string[] =>
  readdirSync(resolve(root, dir)).sort().flatMap((name) => {
    const path = posix.join(dir, name)
    return statSync(resolve(root, path)).isDirectory() ? walk(path) : [path]
  })

/** the text with comment lines blanked (line numbers kept), so that prose about imports is not read as one */
const uncommented = (text: string) => {
  let inBlock = false
  return text.split('\n').map((line) => {
    const s = line.trim()
    if (inBlock) {
      if (s.includes('*/')) inBlock = false
      return ''
    }
    if (s.startsWith('/*')) {
      inBlock = !s.includes('*/')
      return ''
    }
    return s.startsWith('//') ? '' : line
  }).join('\n')
}

const STATIC = /^[ \t]*(?:import|export)(\s+type)?\s+([\w$*\s,{}]*?)\s*from\s*['"]([^'"]+)['"]/gm
const BARE = /^[ \t]*import\s*['"]([^'"]+)['"]/gm
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g
const WORKER = /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g

/** every import a file makes (see the header for what is read) */
const importsOf = (path: string, text: string): Import[] => {
  const code = uncommented(text)
  const out: Import[] = []
  const add = (spec: string, kind: Kind) => {
    const bare = spec.split('?')[0]
    out.push({ spec, kind, to: bare.startsWith('.') ? posix.join(posix.dirname(path), bare) : undefined })
  }
  for (const m of code.matchAll(STATIC)) {
    const typeOnly = !!m[1] || /^\{[^}]*\}$/.test(m[2].trim()) && m[2].replace(/[{}]/g, '').split(',').every((n) => /^\s*type\s/.test(n) || !n.trim())
    add(m[3], typeOnly ? 'type' : 'static')
  }
  for (const m of code.matchAll(BARE)) add(m[1], 'static')
  for (const m of code.matchAll(DYNAMIC)) add(m[1], 'dynamic')
  for (const m of code.matchAll(WORKER)) add(m[1], 'worker')
  return out
}

const sources: Source[] = walk('src').filter((p) => CODE.test(p)).map((path) => {
  const code = uncommented(readFileSync(resolve(root, path), 'utf8'))
  return { path, code, imports: importsOf(path, code) }
})
const byPath = new Map(sources.map((s) => [s.path, s]))

/** imports of one source file by another (not assets such as CSS, not worker entries) */
const codeImports = (s: Source) => s.imports.filter((i) => i.to && CODE.test(i.to) && i.kind !== 'worker')
const under = (path: string, folder: string) => path.startsWith(`${folder}/`)
const line = (s: Source, i: Import) => `${s.path} → ${i.spec}${i.kind === 'static' ? '' : ` (${i.kind})`}`

/**
 * The door an import must come through: the `index.ts` of the first folder on the target's path below the deepest
 * folder importer and target share. None when the target sits in the importer's own folder or one it is inside.
 */
const doorOf = (from: string, to: string): string | null => {
  const mine = posix.dirname(from).split('/')
  const theirs = to.split('/')
  let shared = 0
  while (shared < mine.length && shared < theirs.length - 1 && mine[shared] === theirs[shared]) shared++
  return shared === theirs.length - 1 ? null : `${theirs.slice(0, shared + 1).join('/')}/index.ts`
}

// src/ui's pages and parts import one another's files directly (no parts/index.ts): its folders are not doors yet
const DOORED = ['src/model', 'src/sync', 'src/crypto', 'src/identity', 'src/protocol', 'src/server']

/** every cycle through the graph's strongly connected parts, one shortest cycle per file in them, each once */
const cyclesOf = (graph: Map<string, string[]>): string[][] => {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const parts: string[][] = []
  const visit = (v: string) => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const part: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      part.push(w)
    } while (w !== v)
    if (part.length > 1 || (graph.get(v) ?? []).includes(v)) parts.push(part)
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)

  const seen = new Set<string>()
  const cycles: string[][] = []
  for (const part of parts) {
    const inPart = new Set(part)
    for (const start of [...part].sort()) {
      // breadth-first from start back to start, inside the part
      const from = new Map<string, string>()
      let frontier = [start]
      let found: string | null = null
      while (frontier.length && !found) {
        const next: string[] = []
        for (const v of frontier) {
          for (const w of graph.get(v) ?? []) {
            if (!inPart.has(w)) continue
            if (w === start) { found = v; break }
            if (from.has(w)) continue
            from.set(w, v)
            next.push(w)
          }
          if (found) break
        }
        frontier = next
      }
      if (!found) continue
      const path = [found]
      while (path[0] !== start) path.unshift(from.get(path[0])!)
      // a cycle is the same cycle from any of its files: keep it once, starting at its smallest
      const at = path.indexOf([...path].sort()[0])
      const canonical = [...path.slice(at), ...path.slice(0, at)]
      const key = canonical.join(' ')
      if (seen.has(key)) continue
      seen.add(key)
      cycles.push([...canonical, canonical[0]])
    }
  }
  return cycles
}

const report = (title: string, offences: string[]) =>
  offences.length ? `${title} (${offences.length}):\n  ${offences.join('\n  ')}\n` : ''

describe('the house', () => {
  it('reads the tree it checks', () => {
    expect(sources.length).toBeGreaterThan(50)
    expect(importsOf('src/a/x.ts', "import type { A } from './a.ts'\nimport {\n  type B,\n  c,\n} from '../b/index.ts'\n// import { no } from './comment.ts'\nexport { d } from './d.ts'\nconst e = import('./e.ts')\nnew Worker(new URL('./w.ts', import.meta.url))\nimport './s.css'"))
      .toEqual([
        { spec: './a.ts', kind: 'type', to: 'src/a/a.ts' },
        { spec: '../b/index.ts', kind: 'static', to: 'src/b/index.ts' },
        { spec: './d.ts', kind: 'static', to: 'src/a/d.ts' },
        { spec: './s.css', kind: 'static', to: 'src/a/s.css' },
        { spec: './e.ts', kind: 'dynamic', to: 'src/a/e.ts' },
        { spec: './w.ts', kind: 'worker', to: 'src/a/w.ts' },
      ])
    expect(doorOf('src/sync/session.ts', 'src/sync/relay.ts')).toBe(null)
    expect(doorOf('src/sync/session.ts', 'src/sync/relay/outbox.ts')).toBe('src/sync/relay/index.ts')
    expect(doorOf('src/sync/relay/outbox.ts', 'src/sync/guard/check.ts')).toBe('src/sync/guard/index.ts')
    expect(doorOf('src/sync/relay/outbox.ts', 'src/model/fold/fold.ts')).toBe('src/model/index.ts')
    expect(doorOf('src/server/relay/relay.ts', 'src/server/address.ts')).toBe(null)
    expect(cyclesOf(new Map([['a', ['b']], ['b', ['c', 'a']], ['c', ['a']], ['d', ['d']], ['e', ['a']]])))
      .toEqual([['a', 'b', 'a'], ['a', 'b', 'c', 'a'], ['d', 'd']])
  })

  it('every import names a file that exists', () => {
    const missing = sources.flatMap((s) => s.imports.filter((i) => i.to && !existsSync(resolve(root, i.to.split('?')[0]))).map((i) => line(s, i)))
    expect(missing, report('imports of files that are not there', missing)).toEqual([])
  })

  it('1. doors: a file enters another folder only through its index.ts', () => {
    const offences = sources.flatMap((s) =>
      codeImports(s).flatMap((i) => {
        const door = doorOf(s.path, i.to!)
        if (!door || door === i.to || !DOORED.some((f) => i.to === f || under(i.to!, f))) return []
        return [`${line(s, i)}: through ${door}${byPath.has(door) ? '' : ' (not there yet)'}`]
      }))
    expect(offences, report('imports past a folder’s door', offences)).toEqual([])
  })

  it('2. no import circles in src (type-only and dynamic imports included)', () => {
    const graph = new Map(sources.map((s) => [s.path, [...new Set(codeImports(s).map((i) => i.to!))].filter((t) => byPath.has(t))]))
    const cycles = cyclesOf(graph).map((c) => c.join(' → '))
    expect(cycles, report('import circles', cycles)).toEqual([])
  })

  it('3. signing, hashing and sealing libraries, and Web Crypto, are used only in src/crypto', () => {
    const LIBS = /^(@noble\/|@scure\/|lib0\/hash\/)/
    const WEB_CRYPTO = /\bcrypto\.subtle\b|\bglobalThis\.crypto\b/
    const outside = sources.filter((s) => !under(s.path, 'src/crypto'))
    const offences = [
      ...outside.flatMap((s) => s.imports.filter((i) => LIBS.test(i.spec)).map((i) => line(s, i))),
      ...outside.flatMap((s) => s.code.split('\n').flatMap((text, n) => (WEB_CRYPTO.test(text) ? [`${s.path}:${n + 1}: ${text.trim()}`] : []))),
    ]
    expect(offences, report('crypto outside src/crypto', offences)).toEqual([])
  })

  it('4. no folder in src/model or src/sync holds more than 12 files', () => {
    const counts = new Map<string, number>()
    for (const path of walk('src')) {
      const dir = posix.dirname(path)
      if (['src/model', 'src/sync'].some((f) => dir === f || under(dir, f))) counts.set(dir, (counts.get(dir) ?? 0) + 1)
    }
    const offences = [...counts].filter(([, n]) => n > 12).map(([dir, n]) => `${dir}: ${n} files`)
    expect(offences, report('folders too big to take in at a glance', offences)).toEqual([])
  })

  it('5. layers: model is pure, nothing imports ui, the server stands apart, ui never calls Yjs', () => {
    const DOM_ONLY = /^(solid-js|@solid-primitives\/|@tanstack\/solid-|y-indexeddb|y-webrtc|qr|workbox-window|virtual:pwa-register)(\/|$)/
    const DOM_GLOBALS = /\b(document|window|navigator|localStorage|sessionStorage|indexedDB|location)\s*(\.|\?\.|\[)/
    const into = (s: Source, folders: string[]) => codeImports(s).filter((i) => folders.some((f) => under(i.to!, f))).map((i) => line(s, i))
    const offences: string[] = []
    for (const s of sources) {
      if (under(s.path, 'src/model')) {
        offences.push(...s.imports.filter((i) => DOM_ONLY.test(i.spec)).map((i) => `${line(s, i)}: model runs in Node, without the DOM or Solid`))
        offences.push(...s.code.split('\n').flatMap((text, n) => (DOM_GLOBALS.test(text) ? [`${s.path}:${n + 1}: ${text.trim()}: model runs in Node, without the DOM`] : [])))
        offences.push(...into(s, ['src/ui', 'src/sync']).map((o) => `${o}: model imports neither ui nor sync`))
      }
      if (!under(s.path, 'src/ui')) offences.push(...into(s, ['src/ui']).map((o) => `${o}: nothing imports ui`))
      if (under(s.path, 'src/server')) offences.push(...into(s, ['src/ui', 'src/sync', 'src/model']).map((o) => `${o}: the server imports neither ui, sync nor model`))
      if (under(s.path, 'src/ui')) offences.push(...s.imports.filter((i) => /^(yjs|y-protocols)(\/|$)/.test(i.spec)).map((i) => `${line(s, i)}: ui never calls Yjs directly`))
    }
    expect(offences, report('imports across the layers', offences)).toEqual([])
  })
})
