import { Show, createSignal, createUniqueId, type JSX } from 'solid-js'
import { t } from '../../i18n/index.ts'
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
      setCopied(t('share.copied'))
    } catch {
      setCopied(t('share.cantCopy'))
    }
  }
  const share = () => navigator.share({ title: props.title, url: props.link }).catch(() => {})
  return (
    <div class="share">
      <button type="button" aria-expanded={open()} aria-controls={panel} onClick={() => setOpen(!open())}>{t('share.button')}</button>
      {/* the link stays in the page while closed, so it can be read and copied without the QR code */}
      <div id={panel} class="share-panel" hidden={!open()}>
        <Show when={open()}><QrCode text={props.link} label={props.qrLabel} /></Show>
        <label for={props.id}>{props.label}</label>
        <input id={props.id} readonly value={props.link} onFocus={(e) => e.currentTarget.select()} />
        <div class="row wrap">
          <button type="button" onClick={copy}>{t('share.copy')}</button>
          <Show when={typeof navigator.share === 'function'}><button type="button" onClick={share}>{t('share.share')}</button></Show>
          {props.children}
        </div>
        <p class="muted" role="status">{copied()}</p>
        <p class="muted">{t('share.warning')}</p>
      </div>
    </div>
  )
}
