import { For, Show, createSignal, lazy } from 'solid-js'
import { createRoom, joinLink, name, refreshRooms, rooms } from '../bridge/index.ts'
import { ago } from '../format.ts'
import { t, type Problem } from '../i18n/index.ts'
import { LineForm } from '../parts/form/LineForm.tsx'
import { NewsBadges } from '../parts/room/News.tsx'
import { go, roomPath } from '../route.ts'

// the camera and its QR reader load when the home screen has painted
const Scan = lazy(() => import('../parts/share/Scan.tsx').then((m) => ({ default: m.Scan })))

export const Home = (props: { linkError: string }) => {
  const [joinError, setJoinError] = createSignal<Problem | null>(null)
  const join = async (text: string) => {
    const r = await joinLink(text)
    if (r.ok) { refreshRooms(); go(roomPath(r.id)) }
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
                    <Show when={r.news} fallback={<Show when={r.unread}><span class="badge">{t('home.unread', { n: r.unread ?? 0 })}</span></Show>}>
                      <NewsBadges news={r.news} />
                    </Show>
                    <Show when={r.movedTo || r.closedToMe}><span class="badge">{r.closedToMe ? t('removal.closedBadge') : t('removal.movedBadge')}</span></Show>
                  </span>
                </a>
              </li>
            )}</For>
          </ul>
        </Show>
      </section>
      <section aria-labelledby="create-title">
        <h2 id="create-title">{t('home.make')}</h2>
        <LineForm id="room-name" label={t('home.roomName')} placeholder={t('home.roomNamePlaceholder')} maxlength={80} primary
          button={t('home.create')} submit={async (input) => go(roomPath(await createRoom(input.value.trim() || t('home.defaultRoomName'))))} />
      </section>
      <section aria-labelledby="join-title">
        <h2 id="join-title">{t('home.join')}</h2>
        <LineForm id="room-link" label={t('home.roomLink')} placeholder={t('home.roomLinkPlaceholder')} button={t('home.joinButton')}
          error={joinError()} submit={(input) => void join(input.value)} />
        <a class="button" href="#/pair">{t('home.pair')}</a>
        <Scan label={t('home.scan')} onText={(text) => void join(text)} />
      </section>
    </main>
  )
}
