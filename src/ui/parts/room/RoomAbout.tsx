import { For, Show, createSignal } from 'solid-js'
import { LIMITS } from '../../../model/index.ts'
import { actions } from '../../actions/index.ts'
import { about } from '../../bridge/index.ts'
import { ago } from '../../format.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { nameText } from '../people/Name.tsx'

/** The room's description, and a way for any member to rename or describe it; the history says who did. */
export const RoomAbout = (props: { name: string }) => {
  const [editing, setEditing] = createSignal(false)
  const [error, setError] = createSignal<Problem | null>(null)
  const [saved, setSaved] = createSignal(false)
  const current = () => about()?.current ?? null
  // what the form starts from, taken when it opens: another member's rename meanwhile doesn't change what is being typed
  const [start, setStart] = createSignal<{ name: string; about: string }>({ name: '', about: '' })
  const open = () => {
    setSaved(false)
    setStart({ name: current()?.name ?? props.name, about: current()?.about ?? '' })
    setEditing(true)
  }
  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    const r = await actions.describeRoom(String(form.get('name') ?? ''), String(form.get('about') ?? ''))
    setError(r.ok ? null : r.error)
    if (r.ok) { setEditing(false); setSaved(true) }
  }
  return (
    <section class="room-about" aria-label={t('about.title')}>
      <Show when={current()?.about}><p class="about-text">{current()!.about}</p></Show>
      <Show when={editing()} fallback={
        <div class="row wrap">
          <button type="button" class="link" onClick={open}>{t('about.rename')}</button>
          <Show when={saved()}><span class="muted" role="status">{t('about.saved')}</span></Show>
        </div>
      }>
        <form class="form" onSubmit={save}>
          <div class="field">
            <label for="room-name">{t('about.name')}</label>
            <input id="room-name" name="name" value={start().name} maxLength={LIMITS.roomName} required />
          </div>
          <div class="field">
            <label for="room-description">{t('about.description')}</label>
            <textarea id="room-description" name="about" rows="3" aria-describedby="room-description-hint">{start().about}</textarea>
            <p id="room-description-hint" class="hint">{t('about.descriptionHint')}</p>
          </div>
          <p class="field-error" role="alert">{say(error())}</p>
          <div class="row wrap">
            <button type="submit" class="primary">{t('about.save')}</button>
            <button type="button" onClick={() => { setError(null); setEditing(false) }}>{t('about.cancel')}</button>
          </div>
        </form>
      </Show>
      <Show when={about()?.history.length}>
        <details class="history">
          <summary>{t('about.history')}</summary>
          <ul class="plain">
            <For each={about()!.history}>{(h) => <li>{t('about.historyItem', { name: nameText(h.by), room: h.name, when: ago(h.at) })}</li>}</For>
          </ul>
        </details>
      </Show>
    </section>
  )
}
