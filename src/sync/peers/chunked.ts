/**
 * y-webrtc sends a room's whole state as one datachannel message, and Chromium drops anything
 * above its 256 KB limit without a word. This wraps the data channels that simple-peer makes
 * (through its public `wrtc` option) so that every message goes out in chunks, with flow
 * control, and is put back together on the other side before y-webrtc sees it. Large messages
 * are deflated first: a datachannel here carries only a few MB/s, and records compress about 4×.
 */
import { mark } from '../guard/index.ts'

const CHUNK = 64 * 1024
const HIGH_WATER = 1024 * 1024 // measured here: more in flight only made the channel slower
const LOW_WATER = 256 * 1024
const COMPRESS_FROM = 32 * 1024
// a guarded update is at most 64 MB (guard/update-io.ts); a sync message adds its header and a repair offer
const MAX_MESSAGE = 72 * 1024 * 1024
// records deflate about 4×: a message that inflates past 20× what came is a bomb, stopped before it is buffered whole
const MAX_RATIO = 20
const WHOLE = 0
const MORE = 1
const LAST = 2
/** the flag a deflated message's frames carry */
export const DEFLATED = 0x10

type Handler = ((event: { data: ArrayBuffer }) => void) | null

const bytesOf = (data: unknown): Uint8Array =>
  data instanceof Uint8Array ? data
    : data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new TextEncoder().encode(String(data))

const canDeflate = typeof CompressionStream !== 'undefined'

/**
 * Runs bytes through a (de)compression stream, fed in slices, and stops once the output passes `limit` or `ratio`
 * times the input fed so far (plus a little slack): a decompression bomb stops at its first slices.
 */
const pipe = async (bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number, ratio = Infinity): Promise<Uint8Array | null> => {
  const writer = stream.writable.getWriter()
  const reader = stream.readable.getReader()
  let fed = 0
  let stop = false
  const feed = (async () => {
    while (fed < bytes.length && !stop) {
      // deflate expands at most about 1032×: a slice this small can't balloon before the checks below
      const chunk = bytes.slice(fed, fed + 4096)
      fed += chunk.length
      await writer.write(chunk)
    }
    if (!stop) await writer.close()
  })().catch(() => {})
  const parts: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit || size > fed * ratio + 65536) {
      stop = true
      await reader.cancel().catch(() => {})
      await feed
      return null
    }
    parts.push(value)
  }
  await feed
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

/** A message as the frames a chunked channel sends: each a flag byte (whole, more, last; deflated) and up to CHUNK bytes. */
export const framesOf = (bytes: Uint8Array, flags = 0): Uint8Array[] => {
  const count = Math.max(1, Math.ceil(bytes.length / CHUNK))
  return Array.from({ length: count }, (_, i) => {
    const body = bytes.subarray(i * CHUNK, (i + 1) * CHUNK)
    const frame = new Uint8Array(body.length + 1)
    frame[0] = flags | (count === 1 ? WHOLE : i === count - 1 ? LAST : MORE)
    frame.set(body, 1)
    return frame
  })
}

export const chunkedChannel = (real: RTCDataChannel): RTCDataChannel => {
  real.binaryType = 'arraybuffer'
  real.bufferedAmountLowThreshold = LOW_WATER
  const queue: Uint8Array[] = []
  let queued = 0
  let parts: Uint8Array[] = []
  let partsLength = 0
  let onmessage: Handler = null
  let onlow: (() => void) | null = null
  // messages keep their order even while a large one is being deflated or inflated
  let sending: Promise<void> | null = null
  let receiving: Promise<void> = Promise.resolve()
  let seen = 0

  const pump = () => {
    while (queue.length && real.readyState === 'open' && real.bufferedAmount < HIGH_WATER) {
      const frame = queue.shift()!
      queued -= frame.length
      real.send(frame as Uint8Array<ArrayBuffer>)
    }
  }
  real.addEventListener('bufferedamountlow', () => {
    pump()
    if (!queue.length) onlow?.()
  })
  real.addEventListener('close', () => { queue.length = 0; queued = 0; parts = [] })
  real.addEventListener('open', () => mark('rtc-channel-open'))

  const enqueue = (bytes: Uint8Array, flags: number) => {
    for (const frame of framesOf(bytes, flags)) {
      queue.push(frame)
      queued += frame.length
    }
    pump()
  }

  const deliver = (data: Uint8Array) => {
    try {
      onmessage?.({ data: data.byteOffset === 0 && data.buffer.byteLength === data.length ? data.buffer as ArrayBuffer : data.slice().buffer })
    } catch (err) {
      console.warn('hearth: ignored a message a peer sent', err)
    }
  }
  const complete = (whole: Uint8Array, deflated: boolean) => {
    receiving = receiving.then(async () => {
      const data = deflated ? await pipe(whole, new DecompressionStream('deflate-raw'), MAX_MESSAGE, MAX_RATIO).catch(() => null) : whole
      if (!data && deflated) console.warn('hearth: refused a message a peer sent: it inflates past what any update needs')
      if (data && data.length >= COMPRESS_FROM) mark(`rtc-message-in ${data.length}`)
      if (data) deliver(data)
    })
  }
  real.onmessage = (event: MessageEvent) => {
    const frame = bytesOf(event.data)
    if (!frame.length) return
    const kind = frame[0] & 0x0f
    const deflated = (frame[0] & DEFLATED) !== 0
    const body = frame.subarray(1)
    if (kind === MORE && !parts.length && !seen++) mark('rtc-first-large-frame')
    if (kind === WHOLE && !parts.length) return complete(body, deflated)
    partsLength += body.length
    if (partsLength > MAX_MESSAGE) { parts = []; partsLength = 0; return }
    parts.push(body)
    if (kind !== LAST) return
    const whole = new Uint8Array(partsLength)
    let at = 0
    for (const p of parts) { whole.set(p, at); at += p.length }
    parts = []
    partsLength = 0
    complete(whole, deflated)
  }

  const wrapper = {
    get readyState() { return real.readyState },
    get label() { return real.label },
    get bufferedAmount() { return real.bufferedAmount + queued },
    binaryType: 'arraybuffer',
    bufferedAmountLowThreshold: 0,
    get onmessage() { return onmessage },
    set onmessage(h: Handler) { onmessage = h },
    get onbufferedamountlow() { return onlow },
    set onbufferedamountlow(h: (() => void) | null) { onlow = h },
    set onopen(h: RTCDataChannel['onopen']) { real.onopen = h },
    set onclose(h: RTCDataChannel['onclose']) { real.onclose = h },
    set onerror(h: RTCDataChannel['onerror']) { real.onerror = h },
    send(data: unknown) {
      const bytes = bytesOf(data).slice()
      const big = canDeflate && bytes.length >= COMPRESS_FROM
      if (!big && !sending) return enqueue(bytes, 0)
      const next = (sending ?? Promise.resolve()).then(async () => {
        const packed = big ? await pipe(bytes, new CompressionStream('deflate-raw'), MAX_MESSAGE).catch(() => null) : null
        mark(`rtc-message-out ${bytes.length}`)
        if (packed) enqueue(packed, DEFLATED)
        else enqueue(bytes, 0)
      })
      sending = next
      void next.then(() => { if (sending === next) sending = null })
    },
    close: () => real.close(),
  }
  return wrapper as unknown as RTCDataChannel
}

/** The `wrtc` option for simple-peer: the browser's WebRTC, with chunked data channels. */
export const chunkingWrtc = () => {
  class ChunkingPeerConnection extends RTCPeerConnection {
    createDataChannel(label: string, init?: RTCDataChannelInit) {
      return chunkedChannel(super.createDataChannel(label, init))
    }
  }
  const base = Object.getOwnPropertyDescriptor(RTCPeerConnection.prototype, 'ondatachannel')!
  Object.defineProperty(ChunkingPeerConnection.prototype, 'ondatachannel', {
    configurable: true,
    get() { return base.get!.call(this) },
    set(handler: ((e: { channel: RTCDataChannel }) => void) | null) {
      base.set!.call(this, handler ? (e: RTCDataChannelEvent) => handler({ channel: chunkedChannel(e.channel) }) : null)
    },
  })
  return { RTCPeerConnection: ChunkingPeerConnection, RTCSessionDescription, RTCIceCandidate }
}
