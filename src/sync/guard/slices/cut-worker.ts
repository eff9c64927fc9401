import { sliceUpdate } from './cut.ts'

/** Cuts a large update into slices off the main thread (see cut.ts). */
self.onmessage = (e: MessageEvent<{ n: number; update: Uint8Array }>) => {
  let parts: Uint8Array[] | null = null
  try {
    parts = sliceUpdate(e.data.update)
  } catch {
    parts = null
  }
  ;(self as unknown as Worker).postMessage({ n: e.data.n, parts }, parts ? parts.map((p) => p.buffer as ArrayBuffer) : [])
}
