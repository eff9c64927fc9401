import { verify } from './member.ts'

/** Checks batches of signatures off the main thread, so a large room arriving never freezes the screen. */
self.onmessage = async (e: MessageEvent<{ n: number; items: [string, string, string][] }>) => {
  const results = await Promise.all(e.data.items.map(([id, message, sig]) => verify(id, message, sig)))
  ;(self as unknown as Worker).postMessage({ n: e.data.n, results })
}
