import { For, Show, createSignal } from 'solid-js'
import { chooseName, defaultRelay, leaveRoom, name, persisted, relay, rooms, setRelay, setSignaling, signaling } from '../bridge/index.ts'
import { LOCALES, locale, say, setLocale, t, type Problem } from '../i18n/index.ts'
// this screen's English (the first screen carries only its own)
import '../i18n/later.ts'
import { CalendarFeed } from '../parts/app/CalendarFeed.tsx'
import { Devices } from '../parts/people/Devices.tsx'
import { LineForm } from '../parts/form/LineForm.tsx'
import { ReminderSettings } from '../parts/app/Notify.tsx'
import { Top } from '../parts/app/Top.tsx'

export const Settings = (props: { link?: string }) => {
  const [nameError, setNameError] = createSignal<Problem | null>(null)
  const [nameSaved, setNameSaved] = createSignal(false)
  const [serverError, setServerError] = createSignal<Problem | null>(null)
  let relayInput!: HTMLInputElement
  const [relayError, setRelayError] = createSignal<Problem | null>(null)
  const [relaySaved, setRelaySaved] = createSignal<'saved' | 'none' | null>(null)
  const useRelay = async (url: string | null) => {
    const err = await setRelay(url)
    setRelayError(err)
    setRelaySaved(err ? null : url ? 'saved' : 'none')
    if (!err) relayInput.value = ''
  }
  const saveName = (input: HTMLInputElement) => {
    const err = chooseName(input.value)
    setNameError(err)
    setNameSaved(!err)
  }
  const add = async (input: HTMLInputElement) => {
    const err = await setSignaling([...signaling(), input.value.trim()])
    setServerError(err)
    if (!err) input.value = ''
  }
  return (
    <main class="page">
      <Top back="#/" label={t('common.allRooms')} title={t('settings.title')} />
      <section aria-labelledby="language-title">
        <h2 id="language-title">{t('settings.language')}</h2>
        <label for="settings-language" class="sr-only">{t('settings.language')}</label>
        <select id="settings-language" value={locale()} onChange={(e) => setLocale(e.currentTarget.value)}>
          <For each={LOCALES}>{(l) => <option value={l.code} lang={l.code} selected={l.code === locale()}>{l.name}</option>}</For>
        </select>
      </section>
      <section aria-labelledby="name-title">
        <h2 id="name-title">{t('settings.name')}</h2>
        <LineForm id="settings-name" label={t('settings.displayName')} value={name()} maxlength={80} button={t('settings.saveName')}
          error={nameError()} submit={saveName} />
        <Show when={nameSaved()}><p class="muted" role="status">{t('settings.nameSaved')}</p></Show>
      </section>
      <Devices code={props.link} />
      <section aria-labelledby="relay-title">
        <h2 id="relay-title">{t('settings.relay')}</h2>
        <p class="muted">{t('settings.relayAbout')}</p>
        <p>{relay() ? <>{t('settings.relayUses')}<span class="url">{relay()}</span></> : t('settings.noRelay')}</p>
        <form onSubmit={(e) => { e.preventDefault(); void useRelay(relayInput.value) }} class="row" novalidate>
          <label for="settings-relay" class="sr-only">{t('settings.relayAddress')}</label>
          <input id="settings-relay" ref={relayInput} placeholder="wss://example.org/relay" aria-describedby="settings-relay-error" />
          <button type="submit">{t('settings.useRelay')}</button>
        </form>
        <div class="row">
          <Show when={relay()}><button type="button" onClick={() => void useRelay(null)}>{t('settings.useNoRelay')}</button></Show>
          <Show when={defaultRelay() && relay() !== defaultRelay()}>
            <button type="button" onClick={() => void useRelay(defaultRelay())}>{t('settings.useServerRelay')}</button>
          </Show>
        </div>
        <p id="settings-relay-error" class="field-error" role="alert">{say(relayError())}</p>
        <Show when={relaySaved()}><p class="muted" role="status">{relaySaved() === 'saved' ? t('settings.relaySaved') : t('settings.relayNone')}</p></Show>
      </section>
      <section aria-label={t('push.reminders')}>
        <ReminderSettings />
      </section>
      <CalendarFeed />
      <section aria-labelledby="signal-title">
        <h2 id="signal-title">{t('settings.signaling')}</h2>
        <p class="muted">{t('settings.signalingAbout')}</p>
        <Show when={signaling().length} fallback={<p>{t('settings.noSignaling')}</p>}>
          <ul class="cards">
            <For each={signaling()}>{(url) => (
              <li class="card server">
                <span>{url}</span>
                <button type="button" aria-label={t('settings.removeServer', { url })} onClick={() => void setSignaling(signaling().filter((u) => u !== url))}>{t('settings.remove')}</button>
              </li>
            )}</For>
          </ul>
        </Show>
        <LineForm id="settings-server" label={t('settings.serverAddress')} placeholder="wss://example.org/signal" button={t('settings.addServer')}
          error={serverError()} submit={add} />
      </section>
      <section aria-labelledby="storage-title">
        <h2 id="storage-title">{t('settings.storage')}</h2>
        <p role="status">{persisted() === true ? t('settings.kept')
          : persisted() === false ? t('settings.notKept')
          : t('settings.unknownKept')}</p>
      </section>
      <section aria-labelledby="rooms-title">
        <h2 id="rooms-title">{t('settings.rooms')}</h2>
        <Show when={rooms().length} fallback={<p class="muted">{t('settings.noRooms')}</p>}>
          <ul class="cards">
            <For each={rooms()}>{(r) => (
              <li class="card server">
                <span>{r.name}</span>
                <button type="button" aria-label={t('settings.leaveRoom', { room: r.name })} onClick={() => {
                  if (confirm(t('settings.confirmLeave', { room: r.name }))) void leaveRoom(r.id)
                }}>{t('settings.leave')}</button>
              </li>
            )}</For>
          </ul>
        </Show>
      </section>
    </main>
  )
}
