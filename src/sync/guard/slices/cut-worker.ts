import { prepareEach, type PrepareOptions } from './prepare.ts'

/**
 * Cuts a large update into slices off the main thread, with the stateless checks done here (see prepare.ts). Each
 * slice goes to the page as soon as it is made: first what the update held, then the slices, then the end.
 */
self.onmessage = (e: MessageEvent<{ n: number; update: Uint8Array; opts?: PrepareOptions }>) => {
  const { n } = e.data
  const post = (m: object, transfer: ArrayBuffer[] = []) => (self as unknown as Worker).postMessage({ n, ...m }, transfer)
  try {
    const refused = prepareEach(e.data.update, e.data.opts ?? {}, (head) => post({ head }), (part, shaped) => post({ part, shaped }, [part.buffer as ArrayBuffer]))
    post({ end: true, refused })
  } catch {
    post({ failed: true })
  }
}
