import { createSignal } from 'solid-js'
import { linkHereLink, type OfferingHere } from '../../../sync/index.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { QrCode } from '../share/QrCode.tsx'
import { Scan } from '../share/Scan.tsx'

/** A code to show in person: a QR code, and the same as text to copy (for a laptop without a camera). */
const Code = (props: { id: string; text: string; qr: string; label: string }) => {
  const [copied, setCopied] = createSignal(false)
  return (
    <div class="pair-code">
      <QrCode text={props.text} label={props.qr} />
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} readonly rows="3" value={props.text} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" onClick={() => navigator.clipboard.writeText(props.text).then(() => setCopied(true), () => setCopied(false))}>{copied() ? t('common.copied') : t('pair.copy')}</button>
    </div>
  )
}

/** The device that belongs, at a gathering: its offer with a link code inside, then the other device's answer. */
export const OfferHere = (props: { offering: OfferingHere }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  const [connecting, setConnecting] = createSignal(false)
  let input!: HTMLTextAreaElement
  const use = async (text: string) => {
    const err = await props.offering.accept(text)
    setError(err)
    setConnecting(!err)
  }
  return (
    <div>
      <h3>{t('devices.here')}</h3>
      <p>{t('devices.hereHow')}</p>
      <Code id="devices-here-code" text={linkHereLink(props.offering.bytes, location.href)} qr={t('devices.hereQr')} label={t('devices.hereCode')} />
      <h3>{t('devices.hereStep2')}</h3>
      <div class="paste">
        <Scan label={t('devices.hereScan')} onText={(text) => void use(text)} />
        <label for="devices-here-answer">{t('devices.hereAnswer')}</label>
        <textarea id="devices-here-answer" ref={input} rows="3" aria-describedby="devices-here-error" />
        <button type="button" class="primary" onClick={() => void use(input.value)}>{t('devices.hereConnect')}</button>
        <p id="devices-here-error" class="field-error" role="alert">{say(error())}</p>
        <p class="muted" role="status">{connecting() ? t('devices.waiting') : ''}</p>
      </div>
    </div>
  )
}

/** The new device, at a gathering: the answer to show back to the device that belongs. */
export const AnswerHere = (props: { answer: string }) => (
  <div>
    <h3>{t('devices.hereNow')}</h3>
    <Code id="devices-here-reply" text={props.answer} qr={t('devices.hereAnswerQr')} label={t('devices.hereReply')} />
    <p class="muted" aria-busy="true">{t('devices.hereWaiting')}</p>
  </div>
)
