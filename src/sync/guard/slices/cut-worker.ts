import { prepareUpdate, type PrepareOptions } from './prepare.ts'

/** Cuts a large update into slices off the main thread, with the stateless checks done here (see prepare.ts). */
self.onmessage = (e: MessageEvent<{ n: number; update: Uint8Array; opts?: PrepareOptions }>) => {
  let out: ReturnType<typeof prepareUpdate> | null = null
  try {
    out = prepareUpdate(e.data.update, e.data.opts)
  } catch {
    out = null
  }
  ;(self as unknown as Worker).postMessage({ n: e.data.n, ...out, parts: out?.parts ?? null }, out ? out.parts.map((p) => p.buffer as ArrayBuffer) : [])
}
