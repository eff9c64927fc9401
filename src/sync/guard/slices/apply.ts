import * as Y from 'yjs'
import { MAX_UPDATE_BYTES, applyGuarded, type Clean, type Held } from '../guard.ts'
import { liveHeldDeleted } from '../repair.ts'
import { SLICE_FROM_BYTES } from './cut.ts'
import { prepareUpdate, type PrepareOptions, type Prepared } from './prepare.ts'

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
type Cut = Pick<Prepared, 'parts' | 'shaped'> & Partial<Pick<Prepared, 'refused' | 'held' | 'deleted'>>
const waiting = new Map<number, { update: Uint8Array; opts: PrepareOptions; done: (cut: Cut | null) => void; timer: ReturnType<typeof setTimeout> }>()
// how long a worker may take with one update before this page cuts it itself
const WORKER_MS = 10_000

// with no worker, the page does the worker's part itself
const inline = (update: Uint8Array, opts: PrepareOptions): Cut | null => {
  try {
    return prepareUpdate(update, opts)
  } catch {
    return null
  }
}

const answer = (n: number, cut: Cut | null) => {
  const w = waiting.get(n)
  if (!w) return
  waiting.delete(n)
  clearTimeout(w.timer)
  w.done(cut)
}

/** a worker that failed to load, crashed or hangs is dropped: what waited on it is cut here, and so is all that follows */
const giveUpWorker = () => {
  worker?.terminate()
  worker = null
  for (const [n, w] of [...waiting]) answer(n, inline(w.update, w.opts))
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
        worker.onmessage = (e: MessageEvent<Cut & { n: number }>) => answer(e.data.n, e.data.parts ? e.data : null)
        worker.onerror = giveUpWorker
        worker.onmessageerror = giveUpWorker
      }
    } catch {
      worker = null
    }
  }
}

const viaWorker = (update: Uint8Array, opts: PrepareOptions): Promise<Cut | null> => {
  warmSlices()
  if (!worker) return Promise.resolve(inline(update, opts))
  const n = asked++
  const w = worker
  return new Promise((done) => {
    waiting.set(n, { update, opts, done, timer: setTimeout(giveUpWorker, WORKER_MS) })
    w.postMessage({ n, update, opts })
  })
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

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
export const applySliced = (doc: Y.Doc, update: Uint8Array, origin: unknown, from: string, report?: (c: Clean) => void, news = false): Promise<Held | null> => {
  const before = queues.get(doc) ?? Promise.resolve()
  const run = before.then(async (): Promise<Held | null> => {
    if (update.length < SLICE_FROM_BYTES || update.length > MAX_UPDATE_BYTES) return applyGuarded(doc, update, origin, from, report)
    mark(`slices-asked ${update.length}`)
    const cut = await viaWorker(update, { held: heldBy(doc) })
    mark(`slices-cut ${cut?.parts.length}`)
    if (!cut) return applyGuarded(doc, update, origin, from, report) // it says why it refuses
    if (cut.refused?.length) console.warn(`hearth: left out of an update from ${from}: ${cut.refused.join(', ')}`)
    if (report && cut.deleted?.length) report(droppedLacking(doc, cut.deleted))
    // what the worker dropped was held by the update too; this document's own client is judged by the guard alone
    const whole: Held = new Map(news ? [] : (cut.held ?? []).filter(([client]) => client !== doc.clientID))
    const held: Held = new Map()
    let all = true
    for (const [i, part] of cut.parts.entries()) {
      const h = applyGuarded(doc, part, origin, from, report, cut.shaped[i])
      if (h) joinHeld(held, h)
      else all = false
      await turn()
    }
    mark('slices-applied')
    if (!all) return held
    for (const [client, range] of held) joinHeld(whole, new Map([[client, range]]))
    return whole
  })
  queues.set(doc, run.catch(() => null))
  return run
}
