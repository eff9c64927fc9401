import { Match, Show, Switch, createEffect, createSignal, lazy } from 'solid-js'
import { joinLink, me, name, startError } from './bridge.ts'
import { Home } from './pages/Home.tsx'
import { RoomPage } from './pages/Room.tsx'
import { Welcome } from './pages/Welcome.tsx'
import { Update } from './parts/Update.tsx'

// the first screen needs only the home and the room; the rest loads when it is opened (and is precached)
const Invitation = lazy(() => import('./pages/Invitation.tsx').then((m) => ({ default: m.Invitation })))
const NewInvitation = lazy(() => import('./pages/NewInvitation.tsx').then((m) => ({ default: m.NewInvitation })))
const EditInvitation = lazy(() => import('./pages/NewInvitation.tsx').then((m) => ({ default: m.EditInvitation })))
const People = lazy(() => import('./pages/People.tsx').then((m) => ({ default: m.People })))
const JoinPair = lazy(() => import('./pages/Pair.tsx').then((m) => ({ default: m.JoinPair })))
const RoomPair = lazy(() => import('./pages/Pair.tsx').then((m) => ({ default: m.RoomPair })))
const Settings = lazy(() => import('./pages/Settings.tsx').then((m) => ({ default: m.Settings })))
import { go, roomPath, route } from './route.ts'

export const App = () => {
  const [linkError, setLinkError] = createSignal<string | null>(null)
  // a room link: remember the room, then open it at its own address (without the key in view)
  createEffect(() => {
    const r = route()
    if (r.page !== 'link') return
    const joined = joinLink(r.hash)
    if (joined.ok) go(roomPath(joined.id), true)
    else { setLinkError(joined.error); go('#/', true) }
  })
  return (
    <>
    <Update />
    <Show when={!startError()} fallback={<main class="page"><h1>Hearth can’t start here</h1><p role="alert">{startError()}</p></main>}>
      <Show when={me()} fallback={<main class="page" aria-busy="true"><p>Opening Hearth…</p></main>}>
        <Show when={name()} fallback={<Welcome />}>
          <Switch fallback={<Home linkError={linkError()} />}>
            <Match when={route().page === 'settings'}><Settings /></Match>
            <Match when={(() => { const r = route(); return r.page === 'pair' ? r : null })()} keyed>
              {(r) => <JoinPair code={r.code} />}
            </Match>
            <Match when={(() => { const r = route(); return r.page === 'room-pair' ? r : null })()}>
              {(r) => <RoomPair roomId={r().roomId} />}
            </Match>
            <Match when={(() => { const r = route(); return r.page === 'room' ? r : null })()}>
              {(r) => <RoomPage roomId={r().roomId} />}
            </Match>
            <Match when={(() => { const r = route(); return r.page === 'new' ? r : null })()}>
              {(r) => <NewInvitation roomId={r().roomId} kind={r().kind} />}
            </Match>
            <Match when={(() => { const r = route(); return r.page === 'people' ? r : null })()}>
              {(r) => <People roomId={r().roomId} />}
            </Match>
            <Match when={(() => { const r = route(); return r.page === 'edit' ? r : null })()}>
              {(r) => <EditInvitation roomId={r().roomId} inviteId={r().inviteId} />}
            </Match>
            <Match when={(() => { const r = route(); return r.page === 'invitation' ? r : null })()}>
              {(r) => <Invitation roomId={r().roomId} inviteId={r().inviteId} />}
            </Match>
          </Switch>
        </Show>
      </Show>
    </Show>
    </>
  )
}
