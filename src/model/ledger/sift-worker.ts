import { siftMany } from './sift.ts'

/** Checks the shapes of a batch of records and hashes their links off the main thread (see sift.ts). */
self.onmessage = async (e: MessageEvent<{ n: number; keys: string[]; values: unknown[] }>) => {
  const { n, keys, values } = e.data
  // a batch that fails here goes back to the page's thread (sift), never a room that waits for an answer
  const out = await siftMany(keys, values).catch(() => null)
  ;(self as unknown as Worker).postMessage({ n, out })
}
