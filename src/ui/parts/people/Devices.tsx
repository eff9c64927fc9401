import { For, Show, createMemo, createSignal, onCleanup } from 'solid-js'
import { isLinkHereCode, linkCodeLink, type Offering, type OfferingHere } from '../../../sync/index.ts'
import { members } from '../../bridge/index.ts'
import { linkHere, myDevices, offerLink, offerLinkHere, revokeDevice, useLinkCode } from '../../actions/devices.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { Kit } from './Kit.tsx'
import { AnswerHere, OfferHere } from './LinkHere.tsx'
import { QrCode } from '../share/QrCode.tsx'
import { Scan } from '../share/Scan.tsx'

/** Settings' "Your devices": link another device (a code and a QR), take a code, see and revoke the person's devices. */
export const Devices = (props: { code?: string }) => {
  const [offer, setOffer] = createSignal<Offering | null>(null)
  // in person, at a gathering: this device's offer, or the answer it shows back
  const [here, setHere] = createSignal<OfferingHere | 'making' | null>(null)
  const [answer, setAnswer] = createSignal<string | null>(null)
  const [outcome, setOutcome] = createSignal<'linked' | 'expired' | 'now-linked' | 'revoked' | null>(null)
  const [error, setError] = createSignal<Problem | null>(null)
  const [busy, setBusy] = createSignal(false)
  // follows the open room (it may open after this screen) and its people (a link or a revocation arriving)
  const [tick, setTick] = createSignal(0)
  const rows = createMemo(() => (tick(), members(), myDevices()))
  const refresh = () => setTick(tick() + 1)
  const hereOffer = () => { const h = here(); return h && h !== 'making' ? h : null }
  const stopHere = () => { const h = here(); if (h && h !== 'making') h.cancel(); setHere(null) }
  onCleanup(() => { offer()?.cancel(); stopHere() })
  let codeInput!: HTMLInputElement
  const start = async () => {
    offer()?.cancel()
    stopHere()
    setOutcome(null)
    const o = await offerLink()
    // no relay to go through: in person is the way
    if ('code' in o && !('done' in o) && o.code === 'link-needs-relay') return startHere()
    if ('code' in o && !('done' in o)) return setError(o as Problem)
    setError(null)
    const offering = o as Offering
    setOffer(offering)
    void offering.done.then((v) => { if (offer() === offering) { setOutcome(v); setOffer(null); refresh() } })
  }
  const startHere = async () => {
    offer()?.cancel()
    setOffer(null)
    setOutcome(null)
    setHere('making')
    const o = await offerLinkHere()
    if (!('done' in o)) { setHere(null); return setError(o) }
    setError(null)
    setHere(o)
    void o.done.then((v) => { if (here() === o) { setOutcome(v); setHere(null); refresh() } })
  }
  const takeHere = async (text: string) => {
    const r = await linkHere(text)
    setBusy(false)
    if (!('answer' in r)) return setError(r)
    setError(null)
    setAnswer(r.answer)
    const err = await r.done
    setAnswer(null)
    setError(err)
    if (!err) setOutcome('now-linked')
    refresh()
  }
  const take = async () => {
    setBusy(true)
    setOutcome(null)
    if (isLinkHereCode(codeInput.value)) return takeHere(codeInput.value)
    const err = await useLinkCode(codeInput.value)
    setBusy(false)
    setError(err)
    if (!err) setOutcome('now-linked')
  }
  const revoke = async (device: string) => {
    if (!confirm(t('devices.confirmRevoke'))) return
    const err = await revokeDevice(device)
    setError(err)
    if (!err) setOutcome('revoked')
    refresh()
  }
  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">{t('devices.title')}</h2>
      <p class="muted">{t('devices.about')}</p>
      <div class="row wrap actions"><button type="button" onClick={() => void start()}>{t('devices.link')}</button></div>
      <Show when={offer()}>{(o) => (
        <div>
          <p>{t('devices.linkHow')}</p>
          <QrCode text={linkCodeLink(o().code, location.href)} label={t('devices.qr')} />
          <label for="devices-code">{t('devices.code')}</label>
          <input id="devices-code" readOnly value={o().code} onFocus={(e) => e.currentTarget.select()} />
          <p class="muted" role="status">{t('devices.waiting')}</p>
          <div class="row wrap actions"><button type="button" onClick={() => void startHere()}>{t('devices.here')}</button></div>
        </div>
      )}</Show>
      <Show when={here() === 'making'}><p aria-busy="true">{t('devices.hereMaking')}</p></Show>
      <Show when={hereOffer()}>{(o) => <OfferHere offering={o()} />}</Show>
      <Scan label={t('devices.scanCode')} onText={(text) => { codeInput.value = text; void take() }} />
      <label for="devices-use">{t('devices.useCode')}</label>
      <form class="row" novalidate onSubmit={(e) => { e.preventDefault(); void take() }}>
        <input id="devices-use" ref={codeInput} value={props.code ?? ''} autocomplete="off" aria-describedby="devices-error" />
        <button type="submit" disabled={busy()}>{busy() ? t('devices.using') : t('devices.useButton')}</button>
      </form>
      <Show when={answer()}>{(a) => <AnswerHere answer={a()} />}</Show>
      <p id="devices-error" class="field-error" role="alert">{say(error())}</p>
      <Show when={outcome()}>{(o) => (
        <p role="status">{o() === 'linked' ? t('devices.linked') : o() === 'expired' ? t('devices.expired') : o() === 'revoked' ? t('devices.revokedDone') : t('devices.nowLinked')}</p>
      )}</Show>
      <Show when={rows()?.some((d) => d.thisOne && d.revoked)}><p class="banner error" role="alert">{t('devices.thisRevoked')}</p></Show>
      <Show when={rows()} fallback={<p class="muted">{t('devices.openRoomFirst')}</p>}>{(list) => (
        <ul class="cards" aria-label={t('devices.list')}>
          <For each={list()}>{(d) => (
            <li class="card server">
              <span>{d.kit ? t('devices.kit', { fp: d.fingerprint }) : t('devices.device', { fp: d.fingerprint })}{d.thisOne ? ` · ${t('devices.thisOne')}` : ''}{d.revoked ? ` · ${t('devices.revoked')}` : ''}</span>
              <Show when={!d.thisOne && !d.revoked && !d.kit}>
                <button type="button" aria-label={t('devices.revokeLabel', { fp: d.fingerprint })} onClick={() => void revoke(d.device)}>{t('devices.revoke')}</button>
              </Show>
            </li>
          )}</For>
        </ul>
      )}</Show>
      <Kit recovered={() => refresh()} hasKit={() => !!rows()?.some((d) => d.kit && !d.revoked)} />
    </section>
  )
}
