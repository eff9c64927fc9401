import { Match, Show, Switch, createEffect, createSignal, on, onMount } from 'solid-js'
import { enterRoom, rooms } from '../bridge/index.ts'
import { say, t, type Problem } from '../i18n/index.ts'
// this screen's English (the first screen carries only its own)
import '../i18n/later.ts'
import { pairing, resetPairing, startPairing, takeAnswer, takeOffer } from '../actions/pairing.ts'
import { nameText } from '../parts/people/Name.tsx'
import { QrCode } from '../parts/share/QrCode.tsx'
import { InRoom } from '../parts/room/InRoom.tsx'
import { Scan } from '../parts/share/Scan.tsx'
import { Top } from '../parts/app/Top.tsx'
import { go, roomPath } from '../route.ts'

const Code = (props: { code: string; bytes: number; label: string }) => {
  const [copied, setCopied] = createSignal(false)
  return (
    <div class="pair-code">
      <QrCode text={props.code} label={props.label} />
      <label for="pair-code-text">{t('pair.copyCode', { bytes: props.bytes })}</label>
      <textarea id="pair-code-text" readonly rows="3" value={props.code} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" onClick={() => navigator.clipboard.writeText(props.code).then(() => setCopied(true), () => setCopied(false))}>{copied() ? t('common.copied') : t('pair.copy')}</button>
    </div>
  )
}

const Paste = (props: { label: string; button: string; onText: (t: string) => Promise<Problem | null> }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  let input!: HTMLTextAreaElement
  const use = async (text: string) => setError(await props.onText(text))
  return (
    <div class="paste">
      <Scan label={t('pair.scanCamera')} onText={use} />
      <label for="pair-paste">{props.label}</label>
      <textarea id="pair-paste" ref={input} rows="3" aria-describedby="pair-paste-error" />
      <button type="button" class="primary" onClick={() => use(input.value)}>{props.button}</button>
      <p id="pair-paste-error" class="field-error" role="alert">{say(error())}</p>
    </div>
  )
}

// the channel is open but nothing syncs until the other phone's signed hello is checked: not "connected" yet
const Checking = () => (
  <section class="banner" role="status">
    <p aria-busy="true">{t('pair.checking')}</p>
  </section>
)

const Connected = (props: { roomId: string; member?: string }) => (
  <section class="banner" role="status">
    <p><strong>{props.member ? t('pair.connectedWith', { names: nameText(props.member) }) : t('pair.connected')}.</strong>{t('pair.direct')}</p>
    <div class="row wrap">
      <a class="button primary" href={roomPath(props.roomId)}>{t('common.goToRoom')}</a>
      <button type="button" onClick={() => startPairing(props.roomId)}>{t('pair.another')}</button>
    </div>
  </section>
)

const Failed = (props: { error: Problem; retry: () => void }) => (
  <section class="banner error" role="alert">
    <p>{say(props.error)}</p>
    <button type="button" onClick={props.retry}>{t('common.tryAgain')}</button>
  </section>
)

/** A's side: show a code for this room, then take the other phone's answer. */
export const RoomPair = (props: { roomId: string }) => {
  const room = () => rooms().find((r) => r.id === props.roomId)
  createEffect(on(() => props.roomId, async (id) => {
    await enterRoom(id)
    const p = pairing()
    // keep a code that is still waiting for this room; anything else gets a fresh one
    if (p?.roomId !== id || (p.stage !== 'offer' && p.stage !== 'making' && p.stage !== 'checking')) await startPairing(id)
  }))
  return (
    <InRoom roomId={props.roomId}>{() => (
    <main class="page">
      <Top back={roomPath(props.roomId)} label={t('common.backToRoom')} title={t('pair.title')} />
      <p class="muted">{t('pair.introRoom')}</p>
      <Switch>
        <Match when={pairing()?.stage === 'making'}><p aria-busy="true">{t('pair.making')}</p></Match>
        <Match when={pairing()?.stage === 'failed'}><Failed error={pairing()!.error!} retry={() => startPairing(props.roomId)} /></Match>
        <Match when={pairing()?.stage === 'checking'}><Checking /></Match>
        <Match when={pairing()?.stage === 'connected'}><Connected roomId={props.roomId} member={pairing()!.member} /></Match>
        <Match when={pairing()?.stage === 'offer'}>
          <h2>{t('pair.step1')}</h2>
          <Code code={pairing()!.code!} bytes={pairing()!.bytes!} label={t('pair.codeFor', { room: room()?.name ?? t('common.thisRoom') })} />
          <h2>{t('pair.step2')}</h2>
          <Paste label={t('pair.pasteAnswer')} button={t('pair.connect')} onText={takeAnswer} />
        </Match>
      </Switch>
    </main>
    )}</InRoom>
  )
}

/** B's side: take a code from someone nearby, join their room, and show an answer. */
export const JoinPair = (props: { code?: string }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  onMount(() => {
    if (props.code) void takeOffer(props.code).then(setError)
    else if (pairing()?.stage !== 'answer' && pairing()?.stage !== 'checking') resetPairing()
  })
  return (
    <main class="page">
      <Top back="#/" label={t('common.allRooms')} title={t('pair.title')} />
      <Show when={error()}><p class="banner error" role="alert">{say(error())}</p></Show>
      <Switch fallback={
        <>
          <p class="muted">{t('pair.introJoin')}</p>
          <Paste label={t('pair.pasteCode')} button={t('pair.useCode')} onText={async (t) => { const e = await takeOffer(t); return e }} />
        </>
      }>
        <Match when={pairing()?.stage === 'making'}><p aria-busy="true">{t('pair.reading')}</p></Match>
        <Match when={pairing()?.stage === 'failed'}><Failed error={pairing()!.error!} retry={() => { resetPairing(); go('#/pair') }} /></Match>
        <Match when={pairing()?.stage === 'checking'}><Checking /></Match>
        <Match when={pairing()?.stage === 'connected'}><Connected roomId={pairing()!.roomId!} member={pairing()!.member} /></Match>
        <Match when={pairing()?.stage === 'answer'}>
          <h2>{t('pair.now')}</h2>
          <Code code={pairing()!.code!} bytes={pairing()!.bytes!} label={t('pair.yourAnswer')} />
          <p class="muted" aria-busy="true">{t('pair.waiting')}</p>
        </Match>
      </Switch>
    </main>
  )
}
