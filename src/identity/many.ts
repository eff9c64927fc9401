import { verify } from './member.ts'

/** [member id, message, signature] */
export type Check = [string, string, string]

const POOL = Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2)))
/** how many worker threads a pool of checks should use here */
export const THREADS = POOL
let workers: Worker[] | null | undefined
const waiting = new Map<number, (r: boolean[]) => void>()
let next = 0

const pool = (): Worker[] | null => {
  if (workers !== undefined) return workers
  try {
    workers = typeof Worker === 'undefined' ? null : Array.from({ length: POOL }, () => {
      const w = new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module' })
      w.onmessage = (e: MessageEvent<{ n: number; results: boolean[] }>) => {
        waiting.get(e.data.n)?.(e.data.results)
        waiting.delete(e.data.n)
      }
      return w
    })
  } catch {
    workers = null
  }
  return workers
}

const inThread = (items: Check[]) => Promise.all(items.map(([id, m, s]) => verify(id, m, s)))

/** Verifies many signatures at once: spread over worker threads where there are any, else here. */
export const verifyMany = async (items: Check[]): Promise<boolean[]> => {
  // a few checks (a chain's head, a name written on open) never start the workers: their start costs more
  if (items.length < 64) return inThread(items)
  const ws = pool()
  if (!ws) return inThread(items)
  const size = Math.ceil(items.length / ws.length)
  const parts = await Promise.all(ws.map((w, i) => {
    const slice = items.slice(i * size, (i + 1) * size)
    if (!slice.length) return Promise.resolve([] as boolean[])
    const n = next++
    return new Promise<boolean[]>((resolve) => {
      waiting.set(n, resolve)
      w.postMessage({ n, items: slice })
    })
  }))
  return parts.flat()
}
