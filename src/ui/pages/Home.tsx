import { For, Show, createSignal } from 'solid-js'
import { createRoom, joinLink, name, rooms } from '../bridge.ts'
import { ago } from '../format.ts'
import { say, t, type Problem } from '../i18n/index.ts'
import { Scan } from '../parts/Scan.tsx'
import { go, roomPath } from '../route.ts'

export const Home = (props: { linkError: string }) => {
  const [joinError, setJoinError] = createSignal<Problem | null>(null)
  let roomName!: HTMLInputElement
  let link!: HTMLInputElement
  const create = (e: Event) => {
    e.preventDefault()
    go(roomPath(createRoom(roomName.value.trim() || t('home.defaultRoomName'))))
  }
  const join = (e: Event) => {
    e.preventDefault()
    const r = joinLink(link.value)
    if (r.ok) go(roomPath(r.id))
    else setJoinError(r.error)
  }
  return (
    <main class="page">
      <header class="top"><h1>{t('app.name')}</h1><span class="muted">{t('home.hi', { name: name() })}</span><a href="#/settings" class="button">{t('home.settings')}</a></header>
      <Show when={props.linkError}><p class="banner error" role="alert">{props.linkError}</p></Show>
      <section aria-labelledby="rooms-title">
        <h2 id="rooms-title">{t('home.rooms')}</h2>
        <Show when={rooms().length} fallback={<p class="muted">{t('home.noRooms')}</p>}>
          <ul class="cards">
            <For each={rooms()}>{(r) => (
              <li>
                <a class="card" href={roomPath(r.id)}>
                  <strong>{r.name}</strong>
                  <span class="muted">{t('home.opened', { when: ago(r.lastOpened) })}</span>
                  <span class="counts">
                    <Show when={r.needsAnswer}><span class="badge strong">{t('home.needsAnswer', { n: r.needsAnswer ?? 0 })}</span></Show>
                    <Show when={r.unread}><span class="badge">{t('home.unread', { n: r.unread ?? 0 })}</span></Show>
                  </span>
                </a>
              </li>
            )}</For>
          </ul>
        </Show>
      </section>
      <section aria-labelledby="create-title">
        <h2 id="create-title">{t('home.make')}</h2>
        <form onSubmit={create} class="row">
          <label for="room-name" class="sr-only">{t('home.roomName')}</label>
          <input id="room-name" ref={roomName} placeholder={t('home.roomNamePlaceholder')} maxlength="80" />
          <button type="submit" class="primary">{t('home.create')}</button>
        </form>
      </section>
      <section aria-labelledby="join-title">
        <h2 id="join-title">{t('home.join')}</h2>
        <form onSubmit={join} class="row" novalidate>
          <label for="room-link" class="sr-only">{t('home.roomLink')}</label>
          <input id="room-link" ref={link} placeholder={t('home.roomLinkPlaceholder')} aria-invalid={!!joinError()} aria-describedby="join-error" />
          <button type="submit">{t('home.joinButton')}</button>
        </form>
        <p id="join-error" class="field-error" role="alert">{say(joinError())}</p>
        <a class="button" href="#/pair">{t('home.pair')}</a>
        <Scan label={t('home.scan')} onText={(text) => {
          const r = joinLink(text)
          if (r.ok) go(roomPath(r.id))
          else setJoinError(r.error)
        }} />
      </section>
    </main>
  )
}
