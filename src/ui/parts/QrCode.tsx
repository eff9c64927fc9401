import QRCode from 'qrcode'
import { createResource } from 'solid-js'

/** A QR code big enough to scan from another phone's screen; the text goes in byte mode. */
export const QrCode = (props: { text: string; label: string }) => {
  const [svg] = createResource(() => props.text || undefined, (text) =>
    QRCode.toString([{ data: new TextEncoder().encode(text), mode: 'byte' }], { type: 'svg', errorCorrectionLevel: 'L', margin: 2 }))
  return <div class="qr" role="img" aria-label={props.label} innerHTML={svg() ?? ''} />
}
