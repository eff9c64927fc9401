import { Show, createSignal, createUniqueId, type JSX } from 'solid-js'
import { QrCode } from './QrCode.tsx'

export interface ShareProps {
  /** what is shared, for the system share sheet: "Join Allotment crew on Hearth" */
  title: string
  link: string
  /** "Room link", "Invitation link" */
  label: string
  qrLabel: string
  children?: JSX.Element
}

/** A link three ways, behind one "Share" button: copy it, hand it to the system share sheet, or show it as a QR code. */
export const Share = (props: ShareProps & { id: string }) => {
  const [open, setOpen] = createSignal(false)
  const [copied, setCopied] = createSignal<string | null>(null)
  const panel = createUniqueId()
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.link)
      setCopied('Copied. Paste it to someone you trust.')
    } catch {
      setCopied('Could not copy here: select the link and copy it by hand.')
    }
  }
  const share = () => navigator.share({ title: props.title, url: props.link }).catch(() => {})
  return (
    <div class="share">
      <button type="button" aria-expanded={open()} aria-controls={panel} onClick={() => setOpen(!open())}>Share</button>
      {/* the link stays in the page while closed, so it can be read and copied without the QR code */}
      <div id={panel} class="share-panel" hidden={!open()}>
        <Show when={open()}><QrCode text={props.link} label={props.qrLabel} /></Show>
        <label for={props.id}>{props.label}</label>
        <input id={props.id} readonly value={props.link} onFocus={(e) => e.currentTarget.select()} />
        <div class="row wrap">
          <button type="button" onClick={copy}>Copy link</button>
          <Show when={typeof navigator.share === 'function'}><button type="button" onClick={share}>Share…</button></Show>
          {props.children}
        </div>
        <p class="muted" role="status">{copied()}</p>
        <p class="muted">Anyone with this link or code can join and read the room. Share it with people you trust.</p>
      </div>
    </div>
  )
}
