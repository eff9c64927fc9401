import { siftOne, type Sifted } from './sift.ts'

/** Checks the shapes of a batch of records and hashes their links off the main thread (see sift.ts). */
self.onmessage = (e: MessageEvent<{ n: number; keys: string[]; values: unknown[] }>) => {
  const { n, keys, values } = e.data
  const out: Sifted[] = keys.map((k, i) => siftOne(k, values[i]))
  ;(self as unknown as Worker).postMessage({ n, out })
}
