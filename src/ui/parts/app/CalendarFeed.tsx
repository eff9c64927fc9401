import { Show, createSignal } from 'solid-js'
import { feedLinks, feedProblem, publishFeed, startFeed, stopFeed } from '../../calendar/feed.ts'
import { say, t, type Problem } from '../../i18n/index.ts'

/** Settings: publish the events this person is going to as a feed a calendar app follows, after a plain warning. */
export const CalendarFeed = () => {
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<Problem | null>(null)
  const [note, setNote] = createSignal('')
  let link!: HTMLTextAreaElement
  void startFeed()
  const run = async (act: () => Promise<Problem | null>, done: string) => {
    setBusy(true)
    setError(null)
    setNote('')
    const err = await act()
    setBusy(false)
    setError(err)
    if (!err) setNote(done)
  }
  const copy = async () => {
    link.select()
    const ok = await navigator.clipboard?.writeText(link.value).then(() => true, () => false)
    setNote(ok ? t('feed.copied') : '')
  }
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feed.title')}</h2>
      <p class="muted">{t('feed.about')}</p>
      <p><strong>{t('feed.warning')}</strong></p>
      <Show when={feedLinks()} fallback={
        <button type="button" disabled={busy()} onClick={() => void run(publishFeed, t('feed.published'))}>
          {busy() ? t('feed.publishing') : t('feed.publish')}
        </button>
      }>{(l) => (
        <>
          <label for="feed-link">{t('feed.link')}</label>
          <textarea id="feed-link" ref={link} readOnly rows={2} value={l().https} class="url" onFocus={(e) => e.currentTarget.select()} />
          <div class="row wrap actions">
            <button type="button" onClick={() => void copy()}>{t('feed.copy')}</button>
            <a class="button" href={l().webcal}>{t('feed.subscribe')}</a>
          </div>
          <p class="hint">{t('feed.how')}</p>
          <button type="button" disabled={busy()} onClick={() => { if (confirm(t('feed.confirmStop'))) void run(stopFeed, t('feed.stopped')) }}>
            {t('feed.stop')}
          </button>
        </>
      )}</Show>
      <Show when={note()}><p class="muted" role="status">{note()}</p></Show>
      <p class="field-error" role="alert">{say(error() ?? feedProblem())}</p>
    </section>
  )
}
