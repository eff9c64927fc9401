import { createResource } from 'solid-js'

/** A QR code big enough to scan from another phone's screen; the text goes in byte mode. The encoder (`qr`) loads on first use. */
export const QrCode = (props: { text: string; label: string }) => {
  const [svg] = createResource(() => props.text || undefined, async (text) => {
    const { default: encodeQR } = await import('qr')
    return encodeQR(text, 'svg', { ecc: 'low', encoding: 'byte', border: 2 })
  })
  return <div class="qr" role="img" aria-label={props.label} innerHTML={svg() ?? ''} />
}
