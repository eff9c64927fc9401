import { createResource } from 'solid-js'

/** A QR code big enough to scan from another phone's screen; the text goes in byte mode. The encoder loads on first use. */
export const QrCode = (props: { text: string; label: string }) => {
  const [svg] = createResource(() => props.text || undefined, async (text) => {
    const { default: QRCode } = await import('qrcode')
    return QRCode.toString([{ data: new TextEncoder().encode(text), mode: 'byte' }], { type: 'svg', errorCorrectionLevel: 'L', margin: 2 })
  })
  return <div class="qr" role="img" aria-label={props.label} innerHTML={svg() ?? ''} />
}
