/**
 * The bench's heap figure alone, in Chromium: `npx vite build && npx tsx tests/bench/heap-only.ts`: a 10k room
 * seeded, the page reloaded with it open (as run.ts measures it after the cold loads), the heap after GC.
 * `--snapshot` also prints what holds it: self size by constructor, largest first.
 */
import type { Page } from 'playwright-core'
import { createRoom, person, seed } from '../e2e/harness.ts'
import { N10K, RUNS, log, stat } from './config.ts'
import { heapMB } from './joins.ts'
import { startBench } from './setup.ts'

/** Self size by node name (constructor, or the kind for strings, arrays and code), in MB, from a heap snapshot. */
const bySize = async (page: Page) => {
  const cdp = await page.context().newCDPSession(page)
  const chunks: string[] = []
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => { chunks.push(e.chunk) })
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  const snap = JSON.parse(chunks.join(''))
  const f = snap.snapshot.meta.node_fields as string[]
  const types = snap.snapshot.meta.node_types[0] as string[]
  const [ti, ni, si] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k))
  const sizes = new Map<string, { n: number; mb: number }>()
  const nodes = snap.nodes as number[]
  for (let i = 0; i < nodes.length; i += f.length) {
    const type = types[nodes[i + ti]]
    const key = type === 'object' || type === 'closure' ? `${type} ${snap.strings[nodes[i + ni]]}` : type
    const s = sizes.get(key) ?? { n: 0, mb: 0 }
    s.n++
    s.mb += nodes[i + si] / 1024 / 1024
    sizes.set(key, s)
  }
  // strings held more than once: the same text in many copies
  const texts = new Map<string, { n: number; mb: number }>()
  for (let i = 0; i < nodes.length; i += f.length) {
    if (types[nodes[i + ti]] !== 'string') continue
    const t = String(snap.strings[nodes[i + ni]]).slice(0, 40)
    const s = texts.get(t) ?? { n: 0, mb: 0 }
    s.n++
    s.mb += nodes[i + si] / 1024 / 1024
    texts.set(t, s)
  }
  const top = (m: Map<string, { n: number; mb: number }>, k: number) =>
    [...m].sort((a, b) => b[1].mb - a[1].mb).slice(0, k).map(([k, s]) => `${s.mb.toFixed(2)} MB  ${s.n}  ${k}`).join('\n')
  const lengths = new Map<string, { n: number; mb: number }>()
  for (let i = 0; i < nodes.length; i += f.length) {
    if (types[nodes[i + ti]] !== 'string') continue
    const t = `length ${String(snap.strings[nodes[i + ni]]).length}`
    const s = lengths.get(t) ?? { n: 0, mb: 0 }
    s.n++
    s.mb += nodes[i + si] / 1024 / 1024
    lengths.set(t, s)
  }
  return `${top(sizes, 25)}\n\nstrings by text:\n${top(texts, 25)}\n\nstrings by length:\n${top(lengths, 15)}`
}

const bench = await startBench()
try {
  const ana = await person(bench.browser, bench.server.url, 'Ana')
  await createRoom(ana, `Heap ${N10K}`)
  await seed(ana, N10K)
  while ((await bench.count(ana.page)) < N10K) await ana.page.waitForTimeout(100)
  await ana.page.waitForTimeout(2000)
  log(`a room of ${N10K} is ready`)
  const heaps: number[] = []
  for (let r = 0; r < RUNS; r++) {
    await ana.page.reload()
    await ana.page.waitForFunction(() => performance.getEntriesByName('hearth:feed-checked').length > 0, undefined, { timeout: 300_000 })
    const h = await heapMB(ana.page)
    log(`heap after reload: ${h.map((x) => x.toFixed(2)).join(' ')} MB`)
    heaps.push(h.at(-1)!)
  }
  console.log(`heap MB ${JSON.stringify(stat(heaps))}`)
  if (process.argv.includes('--snapshot')) console.log(await bySize(ana.page))
  await ana.context.close()
} finally {
  await bench.stop()
}
