import { For, Show, createSignal } from 'solid-js'
import { createRoom, joinLink, name, rooms } from '../bridge.ts'
import { ago } from '../format.ts'
import { Scan } from '../parts/Scan.tsx'
import { go, roomPath } from '../route.ts'

export const Home = (props: { linkError: string | null }) => {
  const [joinError, setJoinError] = createSignal<string | null>(null)
  let roomName!: HTMLInputElement
  let link!: HTMLInputElement
  const create = (e: Event) => {
    e.preventDefault()
    go(roomPath(createRoom(roomName.value)))
  }
  const join = (e: Event) => {
    e.preventDefault()
    const r = joinLink(link.value)
    if (r.ok) go(roomPath(r.id))
    else setJoinError(r.error)
  }
  return (
    <main class="page">
      <header class="top"><h1>Hearth</h1><span class="muted">Hi, {name()}</span><a href="#/settings" class="button">Settings</a></header>
      <Show when={props.linkError}><p class="banner error" role="alert">{props.linkError}</p></Show>
      <section aria-labelledby="rooms-title">
        <h2 id="rooms-title">Your rooms</h2>
        <Show when={rooms().length} fallback={<p class="muted">No rooms yet. Make one below, or join with a link someone shared.</p>}>
          <ul class="cards">
            <For each={rooms()}>{(r) => (
              <li>
                <a class="card" href={roomPath(r.id)}>
                  <strong>{r.name}</strong>
                  <span class="muted">opened {ago(r.lastOpened)}</span>
                  <span class="counts">
                    <Show when={r.needsAnswer}><span class="badge strong">{r.needsAnswer} need{r.needsAnswer === 1 ? 's' : ''} your answer</span></Show>
                    <Show when={r.unread}><span class="badge">{r.unread} new</span></Show>
                  </span>
                </a>
              </li>
            )}</For>
          </ul>
        </Show>
      </section>
      <section aria-labelledby="create-title">
        <h2 id="create-title">Make a room</h2>
        <form onSubmit={create} class="row">
          <label for="room-name" class="sr-only">Room name</label>
          <input id="room-name" ref={roomName} placeholder="Room name, e.g. Allotment crew" maxlength="80" />
          <button type="submit" class="primary">Create room</button>
        </form>
      </section>
      <section aria-labelledby="join-title">
        <h2 id="join-title">Join a room</h2>
        <form onSubmit={join} class="row" novalidate>
          <label for="room-link" class="sr-only">Room link</label>
          <input id="room-link" ref={link} placeholder="Paste a room link" aria-invalid={!!joinError()} aria-describedby="join-error" />
          <button type="submit">Join</button>
        </form>
        <p id="join-error" class="field-error" role="alert">{joinError()}</p>
        <a class="button" href="#/pair">Pair in person (no internet)</a>
        <Scan label="Scan a room’s QR code" onText={(text) => {
          const r = joinLink(text)
          if (r.ok) go(roomPath(r.id))
          else setJoinError(r.error)
        }} />
      </section>
    </main>
  )
}
