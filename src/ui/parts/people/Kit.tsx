import { Show, createSignal } from 'solid-js'
import { say, t, type Problem } from '../../i18n/index.ts'
import { makeKit, recoverWithKit, type MadeKit } from '../../actions/kit.ts'

const printText = (text: string) => {
  const w = window.open('', '_blank')
  if (!w) return
  const pre = w.document.createElement('pre')
  pre.style.whiteSpace = 'pre-wrap'
  pre.style.overflowWrap = 'anywhere'
  pre.textContent = text
  w.document.body.append(pre)
  w.print()
}

/** Settings' recovery kit: make one (shown once, to save or print), or recover this device from one. */
export const Kit = (props: { recovered?: () => void; hasKit?: () => boolean }) => {
  const [kit, setKit] = createSignal<MadeKit | null>(null)
  const [busy, setBusy] = createSignal<'make' | 'recover' | null>(null)
  const [error, setError] = createSignal<Problem | null>(null)
  const [recovered, setRecovered] = createSignal<'recovered' | 'restored' | false>(false)
  let withRooms!: HTMLInputElement
  let pasted!: HTMLTextAreaElement
  const make = async () => {
    setBusy('make')
    const made = await makeKit(withRooms.checked)
    setBusy(null)
    if ('code' in made) return setError(made)
    setError(null)
    setKit(made)
  }
  const recover = async () => {
    setBusy('recover')
    setRecovered(false)
    const done = await recoverWithKit(pasted.value)
    const err = done === 'restored' || done === 'recovered' ? null : done
    setBusy(null)
    setError(err)
    if (!err) {
      setRecovered(done as 'recovered' | 'restored')
      props.recovered?.()
    }
  }
  const file = () => URL.createObjectURL(new Blob([kit()?.text ?? ''], { type: 'text/plain' }))
  return (
    <div aria-labelledby="kit-title" role="group">
      <h3 id="kit-title">{t('kit.title')}</h3>
      <p class="muted">{t('kit.about')}</p>
      <p><strong>{t('kit.warning')}</strong></p>
      <Show when={kit()} fallback={
        <>
          <label class="check"><input type="checkbox" ref={withRooms} checked /> {t('kit.withRooms')}</label>
          <Show when={props.hasKit?.()}><p class="muted">{t('kit.staysValid')}</p></Show>
          <div class="kit-actions">
            <button type="button" disabled={!!busy()} onClick={() => void make()}>{busy() === 'make' ? t('kit.making') : props.hasKit?.() ? t('kit.makeNew') : t('kit.make')}</button>
          </div>
        </>
      }>{(k) => (
        <div>
          <p role="status">{t('kit.made')}</p>
          <label for="kit-text">{t('kit.text')}</label>
          <textarea id="kit-text" readOnly rows={14} value={k().text} onFocus={(e) => e.currentTarget.select()} />
          <div class="kit-actions">
            <a class="button" href={file()} download={t('kit.fileName')}>{t('kit.save')}</a>
            <button type="button" onClick={() => printText(k().text)}>{t('kit.print')}</button>
            <button type="button" onClick={() => setKit(null)}>{t('kit.done')}</button>
          </div>
        </div>
      )}</Show>
      <label for="kit-use">{t('kit.recover')}</label>
      <form novalidate onSubmit={(e) => { e.preventDefault(); void recover() }}>
        <textarea id="kit-use" ref={pasted} rows={4} autocomplete="off" spellcheck={false} aria-describedby="kit-error" />
        <button type="submit" disabled={!!busy()}>{busy() === 'recover' ? t('kit.recovering') : t('kit.recoverButton')}</button>
      </form>
      <p id="kit-error" class="field-error" role="alert">{say(error())}</p>
      <Show when={recovered()}>{(r) => <p role="status">{r() === 'restored' ? t('kit.restored') : t('kit.recovered')}</p>}</Show>
    </div>
  )
}
