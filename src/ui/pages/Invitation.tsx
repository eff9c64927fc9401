import { For, Show, createEffect, createSignal, on } from 'solid-js'
import { myPlace, type Answer, type EventContent, type InvitationView, type ProjectContent, type Stance } from '../../model/index.ts'
import { actions, enterRoom, feed, me, nameOf } from '../bridge.ts'
import { KIND_LABEL, when } from '../format.ts'

const ANSWERS: [Answer, string][] = [['yes', 'Yes'], ['maybe', 'Maybe'], ['no', 'No']]
const STANCES: [Stance, string][] = [['agree', 'Agree'], ['abstain', 'Abstain'], ['object', 'Object'], ['block', 'Block']]

const People = (props: { title: string; list: { member: string; plus: number; note?: string }[] }) => (
  <Show when={props.list.length}>
    <h3>{props.title} ({props.list.length})</h3>
    <ul class="people">
      <For each={props.list}>{(r) => <li>{nameOf(r.member)}{r.plus ? ` +${r.plus}` : ''}<Show when={r.note}><span class="muted"> — {r.note}</span></Show></li>}</For>
    </ul>
  </Show>
)

export const Invitation = (props: { roomId: string; inviteId: string }) => {
  createEffect(on(() => props.roomId, (id) => void enterRoom(id)))
  const v = (): InvitationView | undefined => feed.list.find((x) => x.id === props.inviteId)
  const [error, setError] = createSignal<string | null>(null)
  const [note, setNote] = createSignal('')
  const place = () => { const x = v(); const m = me(); return x && m ? myPlace(x, m.id) : undefined }
  const answer = async (a: Answer | Stance) => {
    const r = await actions.respond(props.inviteId, { answer: a, note: note() || undefined })
    setError(r.ok ? null : r.error)
  }
  return (
    <main class="page">
      <header class="top">
        <a href={`#/room/${props.roomId}`} class="back" aria-label="Back to the room">←</a>
        <h1>{v()?.content.title ?? 'Invitation'}</h1>
      </header>
      <Show when={v()} fallback={<p aria-busy="true">Looking for this invitation…</p>}>{(inv) => (
        <>
          <p><span class={`kind ${inv().kind}`}>{KIND_LABEL[inv().kind]}</span> <span class="status-pill">{inv().status}</span></p>
          <p class="muted">Hosted by {inv().hosts.map(nameOf).join(', ')}</p>
          <Show when={inv().kind === 'event'}>
            <p>{when((inv().content as EventContent).start, (inv().content as EventContent).tz)} ({(inv().content as EventContent).tz})</p>
            <p>{(inv().content as EventContent).online ? 'Online' : (inv().content as EventContent).place}</p>
          </Show>
          <Show when={inv().kind === 'project' && (inv().content as ProjectContent).threshold}>
            <p>{inv().committed} of {(inv().content as ProjectContent).threshold} committed</p>
          </Show>
          <p class="text">{inv().content.text}</p>
          <section aria-label="Your answer" class="answer">
            <label for="answer-note">{inv().kind === 'proposal' ? 'Reason (needed to object or block)' : 'Note (optional)'}</label>
            <input id="answer-note" value={note()} onInput={(e) => setNote(e.currentTarget.value)} maxlength="1000" />
            <div class="choices" role="group" aria-label="Answer">
              <For each={inv().kind === 'proposal' ? STANCES : ANSWERS}>{([a, label]) => (
                <button type="button" aria-pressed={place()?.reply?.answer === a} onClick={() => answer(a)}>{label}</button>
              )}</For>
            </div>
            <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
            <Show when={place()?.waitlistPosition}><p>You are number {place()!.waitlistPosition} on the waitlist.</p></Show>
          </section>
          <People title="Going" list={inv().going} />
          <People title="Waitlist" list={inv().waitlist} />
          <People title="Maybe" list={inv().maybe} />
          <People title="Not going" list={inv().declined} />
          <People title="Stances" list={inv().stances} />
        </>
      )}</Show>
    </main>
  )
}
