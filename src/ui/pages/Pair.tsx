import { Match, Show, Switch, createEffect, createSignal, on, onMount } from 'solid-js'
import { enterRoom, nameOf, rooms, status } from '../bridge.ts'
import { pairing, resetPairing, startPairing, takeAnswer, takeOffer } from '../pairing.ts'
import { QrCode } from '../parts/QrCode.tsx'
import { InRoom } from '../parts/InRoom.tsx'
import { Scan } from '../parts/Scan.tsx'
import { go, roomPath } from '../route.ts'

const Code = (props: { code: string; bytes: number; label: string }) => {
  const [copied, setCopied] = createSignal(false)
  return (
    <div class="pair-code">
      <QrCode text={props.code} label={props.label} />
      <label for="pair-code-text">Or copy this code ({props.bytes} bytes)</label>
      <textarea id="pair-code-text" readonly rows="3" value={props.code} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" onClick={() => navigator.clipboard.writeText(props.code).then(() => setCopied(true), () => setCopied(false))}>{copied() ? 'Copied' : 'Copy code'}</button>
    </div>
  )
}

const Paste = (props: { label: string; button: string; onText: (t: string) => Promise<string | null> }) => {
  const [error, setError] = createSignal<string | null>(null)
  let input!: HTMLTextAreaElement
  const use = async (text: string) => setError(await props.onText(text))
  return (
    <div class="paste">
      <Scan label="Scan with the camera" onText={use} />
      <label for="pair-paste">{props.label}</label>
      <textarea id="pair-paste" ref={input} rows="3" aria-describedby="pair-paste-error" />
      <button type="button" class="primary" onClick={() => use(input.value)}>{props.button}</button>
      <p id="pair-paste-error" class="field-error" role="alert">{error()}</p>
    </div>
  )
}

const Connected = (props: { roomId: string }) => (
  <section class="banner" role="status">
    <p><strong>Connected{status()?.peers.length ? ` with ${status()!.peers.map((p) => (p.member ? nameOf(p.member) : 'a phone')).join(', ')}` : ''}.</strong> You now sync directly, no internet needed.</p>
    <div class="row wrap">
      <a class="button primary" href={roomPath(props.roomId)}>Go to the room</a>
      <button type="button" onClick={() => startPairing(props.roomId)}>Pair another phone</button>
    </div>
  </section>
)

const Failed = (props: { error: string; retry: () => void }) => (
  <section class="banner error" role="alert">
    <p>{props.error}</p>
    <button type="button" onClick={props.retry}>Try again</button>
  </section>
)

/** A's side: show a code for this room, then take the other phone's answer. */
export const RoomPair = (props: { roomId: string }) => {
  const room = () => rooms().find((r) => r.id === props.roomId)
  createEffect(on(() => props.roomId, async (id) => {
    await enterRoom(id)
    const p = pairing()
    // keep a code that is still waiting for this room; anything else gets a fresh one
    if (p?.roomId !== id || (p.stage !== 'offer' && p.stage !== 'making')) await startPairing(id)
  }))
  return (
    <InRoom roomId={props.roomId}>{() => (
    <main class="page">
      <header class="top">
        <a href={roomPath(props.roomId)} class="back" aria-label="Back to the room">←</a>
        <h1>Pair in person</h1>
      </header>
      <p class="muted">No internet? Phones on the same Wi-Fi or hotspot can connect directly. Let the other person scan your code, then scan the code their phone shows.</p>
      <Switch>
        <Match when={pairing()?.stage === 'making'}><p aria-busy="true">Making your code…</p></Match>
        <Match when={pairing()?.stage === 'failed'}><Failed error={pairing()!.error!} retry={() => startPairing(props.roomId)} /></Match>
        <Match when={pairing()?.stage === 'connected'}><Connected roomId={props.roomId} /></Match>
        <Match when={pairing()?.stage === 'offer'}>
          <h2>1. Let them scan this</h2>
          <Code code={pairing()!.code!} bytes={pairing()!.bytes!} label={`Pairing code for ${room()?.name ?? 'this room'}`} />
          <h2>2. Scan their answer</h2>
          <Paste label="Or paste their answer" button="Connect" onText={takeAnswer} />
        </Match>
      </Switch>
    </main>
    )}</InRoom>
  )
}

/** B's side: take a code from someone nearby, join their room, and show an answer. */
export const JoinPair = (props: { code?: string }) => {
  const [error, setError] = createSignal<string | null>(null)
  onMount(() => {
    if (props.code) void takeOffer(props.code).then(setError)
    else if (pairing()?.stage !== 'answer') resetPairing()
  })
  return (
    <main class="page">
      <header class="top">
        <a href="#/" class="back" aria-label="All rooms">←</a>
        <h1>Pair in person</h1>
      </header>
      <Show when={error()}><p class="banner error" role="alert">{error()}</p></Show>
      <Switch fallback={
        <>
          <p class="muted">Someone nearby shows a pairing code on their phone. Scan it (or paste it) to join their room and connect directly, no internet needed.</p>
          <Paste label="Or paste their code" button="Use this code" onText={async (t) => { const e = await takeOffer(t); return e }} />
        </>
      }>
        <Match when={pairing()?.stage === 'making'}><p aria-busy="true">Reading the code…</p></Match>
        <Match when={pairing()?.stage === 'failed'}><Failed error={pairing()!.error!} retry={() => { resetPairing(); go('#/pair') }} /></Match>
        <Match when={pairing()?.stage === 'connected'}><Connected roomId={pairing()!.roomId!} /></Match>
        <Match when={pairing()?.stage === 'answer'}>
          <h2>Now let them scan your answer</h2>
          <Code code={pairing()!.code!} bytes={pairing()!.bytes!} label="Your pairing answer" />
          <p class="muted" aria-busy="true">Waiting for them to scan it…</p>
        </Match>
      </Switch>
    </main>
  )
}
