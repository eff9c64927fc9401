import { siftMany } from './sift.ts'

/** Checks the shapes of a batch of records and hashes their links off the main thread (see sift.ts). */
self.onmessage = async (e: MessageEvent<{ n: number; keys: string[]; values: unknown[] }>) => {
  const { n, keys, values } = e.data
  const out = await siftMany(keys, values)
  ;(self as unknown as Worker).postMessage({ n, out })
}
