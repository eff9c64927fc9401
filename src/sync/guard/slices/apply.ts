import * as Y from 'yjs'
import { MAX_UPDATE_BYTES, applyGuarded, type Clean, type Held } from '../guard.ts'
import { liveHeldDeleted } from '../repair.ts'
import { setAside } from './aside.ts'
import { SLICE_FROM_BYTES } from './cut.ts'
import { prepareUpdate, type Head, type PrepareOptions } from './prepare.ts'

/**
 * A large update (a 10,000-record room is megabytes) applied in one go holds the page for a fifth of a second or
 * more. So it is cut into sub-updates of at most SLICE structs (cut.ts); each goes through the guard on its
 * own, checked against the document as the earlier ones left it, which keeps every guarantee, and the page gets a
 * turn between them. The cutting itself (the one full decode) runs in a worker where there is one, with the guard's
 * stateless checks (prepare.ts).
 */
/** where a join's time goes, for the bench and DevTools */
export const mark = (name: string) => { try { performance.mark(`hearth:${name}`) } catch { /* no performance here */ } }
let worker: Worker | null | undefined
let asked = 0
/** an update's cut as it comes from the worker: what it held, the slices so far, then the end or a failure */
interface Cut { head?: Head; parts: Uint8Array[]; shaped: boolean[]; refused: string[]; done: boolean; failed: boolean; wake?: () => void }
const waiting = new Map<number, { update: Uint8Array; opts: PrepareOptions; cut: Cut; timer: ReturnType<typeof setTimeout> }>()
// how long a worker may stay silent with an update before this page cuts it itself
const WORKER_MS = 10_000

const wake = (cut: Cut) => { const f = cut.wake; cut.wake = undefined; f?.() }
const changed = (cut: Cut) => new Promise<void>((resolve) => { cut.wake = resolve })

// with no worker, the page does the worker's part itself; the cut is the same, so what came already is its start
const inline = (update: Uint8Array, opts: PrepareOptions, cut: Cut) => {
  try {
    const { parts, shaped, refused, held, deleted, starts, waits } = prepareUpdate(update, opts)
    Object.assign(cut, { parts, shaped, refused, done: true })
    cut.head ??= { held, deleted, starts, waits }
  } catch {
    Object.assign(cut, { failed: true, done: true })
  }
  wake(cut)
}

const finish = (n: number) => {
  const w = waiting.get(n)
  if (w) clearTimeout(w.timer)
  waiting.delete(n)
}

type Said = { n: number; head?: Head; part?: Uint8Array; shaped?: boolean; end?: boolean; refused?: string[]; failed?: boolean }
const heard = ({ n, head, part, shaped, end, refused, failed }: Said) => {
  const w = waiting.get(n)
  if (!w) return
  clearTimeout(w.timer)
  w.timer = setTimeout(giveUpWorker, WORKER_MS)
  const { cut } = w
  if (head) cut.head = head
  if (part) { cut.parts.push(part); cut.shaped.push(!!shaped) }
  if (end) Object.assign(cut, { refused: refused ?? [], done: true })
  if (failed) Object.assign(cut, { failed: true, done: true })
  if (cut.done) finish(n)
  wake(cut)
}

/** a worker that failed to load, crashed or hangs is dropped: what waited on it is cut here, and so is all that follows */
const giveUpWorker = () => {
  worker?.terminate()
  worker = null
  for (const [n, w] of [...waiting]) { finish(n); inline(w.update, w.opts, w.cut) }
}

/**
 * Starts the cutting worker ahead of a large update that is surely coming (a newcomer's relay snapshot): loading it
 * and its code then overlaps the network instead of following it.
 */
export const warmSlices = () => {
  if (worker === undefined) {
    try {
      worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./cut-worker.ts', import.meta.url), { type: 'module' })
      if (worker) {
        worker.onmessage = (e: MessageEvent<Said>) => heard(e.data)
        worker.onerror = giveUpWorker
        worker.onmessageerror = giveUpWorker
      }
    } catch {
      worker = null
    }
  }
}

const viaWorker = (update: Uint8Array, opts: PrepareOptions): Cut => {
  const cut: Cut = { parts: [], shaped: [], refused: [], done: false, failed: false }
  warmSlices()
  if (!worker) { inline(update, opts, cut); return cut }
  const n = asked++
  waiting.set(n, { update, opts, cut, timer: setTimeout(giveUpWorker, WORKER_MS) })
  worker.postMessage({ n, update, opts })
  return cut
}

const headOf = async (update: Uint8Array, opts: PrepareOptions) => {
  const cut = viaWorker(update, opts)
  while (!cut.head && !cut.done) await changed(cut)
  return cut
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

// made out here, so the retry's closure holds no view into the message the update came in
const later = (doc: Y.Doc, origin: unknown, from: string, news: boolean) => (update: Uint8Array) =>
  applySliced(doc, update, origin, from, undefined, news).catch(() => null)

const joinHeld = (into: Held, more: Held) => {
  for (const [client, [from, to]] of more) {
    const had = into.get(client)
    // ranges of one client come in order; a gap between them ends what is surely held
    if (!had) into.set(client, [from, to])
    else if (from <= had[1]) into.set(client, [had[0], Math.max(had[1], to)])
  }
}

// one large update at a time per document, in the order they came
const queues = new WeakMap<Y.Doc, Promise<unknown>>()

/** the document's state vector without its own client (the guard's squat check reads that one's structs) */
const heldBy = (doc: Y.Doc): [number, number][] => [...Y.decodeStateVector(Y.encodeStateVector(doc))].filter(([client]) => client !== doc.clientID)

/** what the guard would have said of the deleted content the worker dropped as held: this document's live entries there */
const droppedLacking = (doc: Y.Doc, deleted: [number, number, number][]): Clean => ({
  update: new Uint8Array(), refused: [], held: new Map(), squatted: false, shadowed: [], contested: [],
  lacking: liveHeldDeleted(deleted.map(([client, clock, len]) => new Y.Item(Y.createID(client, clock), null, null, null, null, null, null, new Y.ContentDeleted(len))), doc),
})

/**
 * Like applyGuarded, but a large update goes in slices with the page getting turns between them. What this document
 * holds already is dropped before the page sees it (prepare.ts); what the update held is still returned, unless `news`
 * says the caller needs only what this document lacked.
 */
export const applySliced = (doc: Y.Doc, update: Uint8Array, origin: unknown, from: string, report?: (c: Clean) => void, news = false, aside = true): Promise<Held | null> => {
  const before = queues.get(doc) ?? Promise.resolve()
  const run = before.then(async (): Promise<Held | null> => {
    if (update.length < SLICE_FROM_BYTES || update.length > MAX_UPDATE_BYTES) return applyGuarded(doc, update, origin, from, report)
    mark(`slices-asked ${update.length}`)
    // a snapshot's report is read as its join ends: that one goes in now, whatever waits; so does a scratch document's
    let cut = await headOf(update, { held: heldBy(doc), own: report || !aside ? undefined : [doc.clientID, Y.getState(doc.store, doc.clientID)] })
    if (cut.head?.waits) {
      if (setAside(doc, { update, starts: cut.head.starts ?? [], retry: later(doc, origin, from, news), counted: !news })) {
        mark('slices-aside')
        return new Map(news ? [] : (cut.head.held ?? []).filter(([client]) => client !== doc.clientID))
      }
      cut = await headOf(update, { held: heldBy(doc) }) // placeable since, or no room left aside: cut it after all
    }
    mark('slices-head')
    if (cut.failed || !cut.head) return applyGuarded(doc, update, origin, from, report) // it says why it refuses
    if (report && cut.head.deleted?.length) report(droppedLacking(doc, cut.head.deleted))
    // what the worker dropped was held by the update too; this document's own client is judged by the guard alone
    const whole: Held = new Map(news ? [] : (cut.head.held ?? []).filter(([client]) => client !== doc.clientID))
    const held: Held = new Map()
    let all = true
    // each slice is taken in as it comes, while the worker cuts the next
    for (let i = 0; ; i++) {
      while (i >= cut.parts.length && !cut.done) await changed(cut)
      if (cut.failed) return applyGuarded(doc, update, origin, from, report)
      if (i >= cut.parts.length) break
      if (!i) mark('slices-first')
      const h = applyGuarded(doc, cut.parts[i], origin, from, report, cut.shaped[i])
      if (h) joinHeld(held, h)
      else all = false
      await turn()
    }
    mark(`slices-cut ${cut.parts.length}`)
    if (cut.refused.length) console.warn(`hearth: left out of an update from ${from}: ${cut.refused.join(', ')}`)
    mark('slices-applied')
    if (!all) return held
    for (const [client, range] of held) joinHeld(whole, new Map([[client, range]]))
    return whole
  })
  queues.set(doc, run.catch(() => null))
  return run
}

/** settles once every update handed to applySliced for this document so far is in, or refused */
export const slicedSoFar = (doc: Y.Doc): Promise<unknown> => queues.get(doc) ?? Promise.resolve()
