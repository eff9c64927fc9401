import { Show, createSignal } from 'solid-js'
import { shareLink } from '../bridge.ts'
import { QrCode } from './QrCode.tsx'

/** The room's link three ways: copy it, hand it to the system share sheet, or show it as a QR code. */
export const Share = (props: { roomName: string }) => {
  const [copied, setCopied] = createSignal<string | null>(null)
  const link = () => shareLink()
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link())
      setCopied('Copied. Paste it to someone you trust.')
    } catch {
      setCopied('Could not copy here: select the link and copy it by hand.')
    }
  }
  const share = () => navigator.share({ title: `Join ${props.roomName} on Hearth`, url: link() }).catch(() => {})
  return (
    <section class="share" aria-labelledby="share-title">
      <h2 id="share-title">Share this room</h2>
      <QrCode text={link()} label="QR code to join this room" />
      <label for="share-link">Room link</label>
      <input id="share-link" readonly value={link()} onFocus={(e) => e.currentTarget.select()} />
      <div class="row">
        <button type="button" onClick={copy}>Copy link</button>
        <Show when={typeof navigator.share === 'function'}><button type="button" onClick={share}>Share…</button></Show>
      </div>
      <p class="muted" role="status">{copied()}</p>
      <p class="muted">Anyone with this link or code can join and read the room. Share it with people you trust.</p>
    </section>
  )
}
