import { ErrorBoundary, Match, Show, Switch, createEffect, createSignal, lazy } from 'solid-js'
import { joinLink, loadLinks, me, name, refreshRooms, startError } from './bridge/index.ts'
import { say, t, type Problem } from './i18n/index.ts'
import { invitationIn } from './links.ts'
import { Home } from './pages/Home.tsx'
import { NotFound } from './pages/NotFound.tsx'
import { Welcome } from './pages/Welcome.tsx'
import { Update } from './parts/app/Update.tsx'
import { prefetchRoom } from './prefetch.ts'
import { go, invitationPath, roomPath, route, type Route } from './route.ts'

// the first screen needs only the home; the rest loads when it is opened, or once the page is idle (prefetch.ts)
const RoomPage = lazy(() => import('./pages/Room.tsx').then((m) => ({ default: m.RoomPage })))
const Invitation = lazy(() => import('./pages/Invitation.tsx').then((m) => ({ default: m.Invitation })))
const NewInvitation = lazy(() => import('./pages/NewInvitation.tsx').then((m) => ({ default: m.NewInvitation })))
const ChooseKind = lazy(() => import('./pages/NewInvitation.tsx').then((m) => ({ default: m.ChooseKind })))
const EditInvitation = lazy(() => import('./pages/NewInvitation.tsx').then((m) => ({ default: m.EditInvitation })))
const People = lazy(() => import('./pages/People.tsx').then((m) => ({ default: m.People })))
const JoinPair = lazy(() => import('./pages/Pair.tsx').then((m) => ({ default: m.JoinPair })))
const RoomPair = lazy(() => import('./pages/Pair.tsx').then((m) => ({ default: m.RoomPair })))
const Settings = lazy(() => import('./pages/Settings.tsx').then((m) => ({ default: m.Settings })))

/** The route while it is on `page`, else null; for `<Match keyed>`, so a new place starts with a fresh screen. */
const on = <P extends Route['page']>(page: P) => {
  const r = route()
  return r.page === page ? (r as Extract<Route, { page: P }>) : null
}

const Broken = (props: { error: unknown; reset: () => void }) => (
  <NotFound title={t('app.broken')}>
    <p>{t('app.brokenText')}</p>
    <p class="muted">{String((props.error as Error)?.message ?? props.error)}</p>
    <button type="button" onClick={props.reset}>{t('common.tryAgain')}</button>
  </NotFound>
)

const Pages = () => (
  <Switch fallback={<NotFound />}>
    <Match when={on('home')}><HomeWithLink /></Match>
    <Match when={on('link')}><HomeWithLink /></Match>
    <Match when={on('settings')} keyed>{(r) => <Settings link={r.link} />}</Match>
    <Match when={on('pair')} keyed>{(r) => <JoinPair code={r.code} />}</Match>
    <Match when={on('room-pair')} keyed>{(r) => <RoomPair roomId={r.roomId} />}</Match>
    <Match when={on('room')}>{(r) => <RoomPage roomId={r().roomId} />}</Match>
    <Match when={on('choose')} keyed>{(r) => <ChooseKind roomId={r.roomId} />}</Match>
    <Match when={on('new')} keyed>{(r) => <NewInvitation roomId={r.roomId} kind={r.kind} />}</Match>
    <Match when={on('people')} keyed>{(r) => <People roomId={r.roomId} />}</Match>
    <Match when={on('edit')} keyed>{(r) => <EditInvitation roomId={r.roomId} inviteId={r.inviteId} />}</Match>
    <Match when={on('invitation')} keyed>{(r) => <Invitation roomId={r.roomId} inviteId={r.inviteId} />}</Match>
  </Switch>
)

const [linkError, setLinkError] = createSignal<Problem | null>(null)
const HomeWithLink = () => <Home linkError={say(linkError())} />

export const App = () => {
  // a room link: remember the room, then open it (or the invitation it names) at its own address, without the key in view
  createEffect(() => {
    const r = route()
    if (r.page !== 'link') return
    // reading a link loads its code, and the room's page and code it leads to: start while this device's key is still loading
    void loadLinks()
    prefetchRoom(!!invitationIn(r.hash))
    if (!me()) return
    void joinLink(r.hash).then((joined) => {
      // unless the person went elsewhere meanwhile; the room's page first, so the home screen never draws its card
      if (route() === r) {
        const invite = invitationIn(r.hash)
        if (joined.ok) go(invite ? invitationPath(joined.id, invite) : roomPath(joined.id), true)
        else { setLinkError(joined.error); go('#/', true) }
      }
      if (joined.ok) refreshRooms()
    })
  })
  return (
    <>
    <Update />
    <Show when={!startError()} fallback={<main class="page"><h1>{t('app.cantStart')}</h1><p role="alert">{say(startError())}</p></main>}>
      <Show when={me()} fallback={<main class="page" aria-busy="true"><p>{t('app.opening')}</p></main>}>
        <Show when={name()} fallback={<Welcome />}>
          <ErrorBoundary fallback={(error, reset) => <Broken error={error} reset={() => { go('#/', true); reset() }} />}>
            <Pages />
          </ErrorBoundary>
        </Show>
      </Show>
    </Show>
    </>
  )
}
