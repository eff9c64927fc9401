import { For, Show, createSignal } from 'solid-js'
import { chooseName, defaultRelay, leaveRoom, name, persisted, relay, rooms, setRelay, setSignaling, signaling } from '../bridge.ts'

export const Settings = () => {
  const [nameError, setNameError] = createSignal<string | null>(null)
  const [nameSaved, setNameSaved] = createSignal(false)
  const [serverError, setServerError] = createSignal<string | null>(null)
  let nameInput!: HTMLInputElement
  let serverInput!: HTMLInputElement
  let relayInput!: HTMLInputElement
  const [relayError, setRelayError] = createSignal<string | null>(null)
  const [relaySaved, setRelaySaved] = createSignal<string | null>(null)
  const useRelay = async (url: string | null) => {
    const err = await setRelay(url)
    setRelayError(err)
    setRelaySaved(err ? null : url ? 'Saved. Your rooms now use this relay.' : 'No relay: your rooms sync only with people you are connected to.')
    if (!err) relayInput.value = ''
  }
  const saveName = (e: Event) => {
    e.preventDefault()
    const err = chooseName(nameInput.value)
    setNameError(err)
    setNameSaved(!err)
  }
  const add = async (e: Event) => {
    e.preventDefault()
    const err = await setSignaling([...signaling(), serverInput.value.trim()])
    setServerError(err)
    if (!err) serverInput.value = ''
  }
  return (
    <main class="page">
      <header class="top">
        <a href="#/" class="back" aria-label="All rooms">←</a>
        <h1>Settings</h1>
      </header>
      <section aria-labelledby="name-title">
        <h2 id="name-title">Your name</h2>
        <form onSubmit={saveName} class="row" novalidate>
          <label for="settings-name" class="sr-only">Display name</label>
          <input id="settings-name" ref={nameInput} value={name()} maxlength="80" aria-describedby="settings-name-error" />
          <button type="submit">Save name</button>
        </form>
        <p id="settings-name-error" class="field-error" role="alert">{nameError()}</p>
        <Show when={nameSaved()}><p class="muted" role="status">Saved. Rooms you open show the new name.</p></Show>
      </section>
      <section aria-labelledby="relay-title">
        <h2 id="relay-title">Relay</h2>
        <p class="muted">The relay keeps your rooms' changes, sealed with each room's key, for members who are not online at the same time. It cannot read them.</p>
        <p>{relay() ? <>This device uses <span class="url">{relay()}</span></> : 'No relay: rooms sync only while you are connected with others, or paired in person.'}</p>
        <form onSubmit={(e) => { e.preventDefault(); void useRelay(relayInput.value) }} class="row" novalidate>
          <label for="settings-relay" class="sr-only">Relay address</label>
          <input id="settings-relay" ref={relayInput} placeholder="wss://example.org/relay" aria-describedby="settings-relay-error" />
          <button type="submit">Use this relay</button>
        </form>
        <div class="row">
          <Show when={relay()}><button type="button" onClick={() => void useRelay(null)}>Use no relay</button></Show>
          <Show when={defaultRelay() && relay() !== defaultRelay()}>
            <button type="button" onClick={() => void useRelay(defaultRelay())}>Use this server’s relay</button>
          </Show>
        </div>
        <p id="settings-relay-error" class="field-error" role="alert">{relayError()}</p>
        <Show when={relaySaved()}><p class="muted" role="status">{relaySaved()}</p></Show>
      </section>
      <section aria-labelledby="signal-title">
        <h2 id="signal-title">Signaling servers</h2>
        <p class="muted">They help phones find each other. They only pass along sealed messages and never see your room key.</p>
        <Show when={signaling().length} fallback={<p>No signaling servers: this device only syncs with phones paired in person.</p>}>
          <ul class="cards">
            <For each={signaling()}>{(url) => (
              <li class="card server">
                <span>{url}</span>
                <button type="button" aria-label={`Remove ${url}`} onClick={() => void setSignaling(signaling().filter((u) => u !== url))}>Remove</button>
              </li>
            )}</For>
          </ul>
        </Show>
        <form onSubmit={add} class="row" novalidate>
          <label for="settings-server" class="sr-only">Signaling server address</label>
          <input id="settings-server" ref={serverInput} placeholder="wss://example.org/signal" aria-describedby="settings-server-error" />
          <button type="submit">Add server</button>
        </form>
        <p id="settings-server-error" class="field-error" role="alert">{serverError()}</p>
      </section>
      <section aria-labelledby="storage-title">
        <h2 id="storage-title">Storage on this device</h2>
        <p role="status">{persisted() === true ? 'Kept: the browser will not clear your rooms on its own.'
          : persisted() === false ? 'Not guaranteed: the browser may clear your rooms if space runs low or the app goes unused. Installing Hearth to your home screen helps.'
          : 'This browser does not say whether it keeps your rooms.'}</p>
      </section>
      <section aria-labelledby="rooms-title">
        <h2 id="rooms-title">Rooms on this device</h2>
        <Show when={rooms().length} fallback={<p class="muted">No rooms yet.</p>}>
          <ul class="cards">
            <For each={rooms()}>{(r) => (
              <li class="card server">
                <span>{r.name}</span>
                <button type="button" aria-label={`Leave ${r.name}`} onClick={() => {
                  if (confirm(`Leave ${r.name}? Its invitations will be deleted from this device. Others keep theirs.`)) void leaveRoom(r.id)
                }}>Leave</button>
              </li>
            )}</For>
          </ul>
        </Show>
      </section>
    </main>
  )
}
