import { Show, createSignal, onCleanup } from 'solid-js'
import { t } from '../../i18n/index.ts'
// this screen's English (the first screen carries only its own)
import '../../i18n/later.ts'

type Detector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> }

/** Reads a QR code with the camera: BarcodeDetector where the browser has it, else `qr`'s decoder. */
export const Scan = (props: { onText: (text: string) => void; label?: string }) => {
  const [open, setOpen] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  let video!: HTMLVideoElement
  let stream: MediaStream | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = () => {
    clearTimeout(timer)
    stream?.getTracks().forEach((t) => t.stop())
    stream = undefined
    setOpen(false)
  }
  onCleanup(stop)
  const decoder = async (): Promise<(v: HTMLVideoElement) => Promise<string | null>> => {
    const BD = (globalThis as { BarcodeDetector?: new (o: unknown) => Detector }).BarcodeDetector
    if (BD) {
      const d = new BD({ formats: ['qr_code'] })
      return async (v) => (await d.detect(v))[0]?.rawValue ?? null
    }
    const { default: decodeQR } = await import('qr/decode.js')
    const canvas = document.createElement('canvas')
    return async (v) => {
      canvas.width = v.videoWidth
      canvas.height = v.videoHeight
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!
      ctx.drawImage(v, 0, 0)
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height)
      try {
        return decodeQR(img)
      } catch {
        return null // no code in this frame
      }
    }
  }
  const start = async () => {
    setError(null)
    if (!navigator.mediaDevices?.getUserMedia) return setError(t('scan.noCamera'))
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
    } catch {
      return setError(t('scan.refused'))
    }
    setOpen(true)
    video.srcObject = stream
    await video.play().catch(() => {})
    const read = await decoder()
    const tick = async () => {
      if (!stream) return
      const text = video.videoWidth ? await read(video).catch(() => null) : null
      if (text) { stop(); props.onText(text) } else timer = setTimeout(tick, 250)
    }
    void tick()
  }
  return (
    <div class="scan">
      <Show when={!open()} fallback={<button type="button" onClick={stop}>{t('scan.stop')}</button>}>
        <button type="button" onClick={start}>{props.label ?? t('scan.default')}</button>
      </Show>
      <video ref={video} hidden={!open()} playsinline muted aria-label={t('scan.camera')} class="camera" />
      <p class="field-error" role="alert">{error()}</p>
    </div>
  )
}
