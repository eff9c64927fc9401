import { For, Show, createEffect, createSignal, on } from 'solid-js'
import type { EventContent, InvitationView, ProjectContent, ReplyView as Reply } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { enterRoom, feed, me, nameOf } from '../bridge.ts'
import { KIND_LABEL, when } from '../format.ts'
import { eventIcs } from '../ics.ts'
import { Consent } from '../parts/Consent.tsx'
import { HostTools } from '../parts/HostTools.tsx'
import { Respond } from '../parts/Respond.tsx'

const People = (props: { title: string; list: Reply[]; numbered?: boolean }) => (
  <Show when={props.list.length}>
    <h3>{props.title} ({props.list.length})</h3>
    <ol class={`people ${props.numbered ? '' : 'plain'}`}>
      <For each={props.list}>{(r) => <li>{nameOf(r.member)}{r.plus ? ` +${r.plus}` : ''}<Show when={r.note}><span class="muted"> — {r.note}</span></Show></li>}</For>
    </ol>
  </Show>
)

const download = (v: InvitationView) => {
  const blob = new Blob([eventIcs(v.id, v.content as EventContent, v.version)], { type: 'text/calendar' })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = `${v.content.title.replace(/[^\w -]+/g, '').trim() || 'event'}.ics`
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}

const CohostOffer = (props: { v: InvitationView }) => {
  const [error, setError] = createSignal<string | null>(null)
  const offer = () => props.v.pending.find((p) => p.member === me()?.id)
  return (
    <Show when={offer()}>{(o) => (
      <section class="banner offer" aria-label="Co-host invitation">
        <p>{o().handoverFrom ? `${nameOf(o().by)} would like to hand this over to you.` : `${nameOf(o().by)} invites you to co-host this.`}</p>
        <div class="row">
          <button type="button" class="primary" onClick={async () => { const r = await actions.acceptCohost(props.v.id); setError(r.ok ? null : r.error) }}>Accept co-hosting</button>
          <button type="button" onClick={async () => { const r = await actions.declineCohost(props.v.id); setError(r.ok ? null : r.error) }}>Decline</button>
        </div>
        <p class="field-error" role="alert">{error()}</p>
      </section>
    )}</Show>
  )
}

export const Invitation = (props: { roomId: string; inviteId: string }) => {
  createEffect(on(() => props.roomId, (id) => void enterRoom(id)))
  const v = (): InvitationView | undefined => feed().find((x) => x.id === props.inviteId)
  return (
    <main class="page">
      <header class="top">
        <a href={`#/room/${props.roomId}`} class="back" aria-label="Back to the room">←</a>
        <h1>{v()?.content.title ?? 'Invitation'}</h1>
      </header>
      <Show when={v()} fallback={<p aria-busy="true">Looking for this invitation…</p>}>{(inv) => {
        const ev = () => inv().content as EventContent
        const pr = () => inv().content as ProjectContent
        return (
          <>
            <p><span class={`kind ${inv().kind}`}>{KIND_LABEL[inv().kind]}</span> <span class={`status-pill ${inv().status}`}>{inv().status}</span></p>
            <ul class="hosts" aria-label="Hosts">
              <For each={inv().hosts}>{(h) => <li>{nameOf(h)} <span class="badge">{h === inv().maker ? 'host' : 'co-host'}</span></li>}</For>
            </ul>
            <CohostOffer v={inv()} />
            <Show when={inv().kind === 'event'}>
              <p>{when(ev().start, ev().tz)} – {when(ev().end, ev().tz)} <span class="muted">({ev().tz})</span></p>
              <p>{ev().online ? `Online${ev().place ? `: ${ev().place}` : ''}` : ev().place}</p>
              <Show when={ev().capacity}><p>{inv().seatsTaken} of {ev().capacity} places taken{inv().waitlist.length ? `, ${inv().waitlist.length} waiting` : ''}</p></Show>
              <button type="button" onClick={() => download(inv())}>Add to calendar</button>
            </Show>
            <Show when={inv().kind === 'project'}>
              <Show when={pr().skills.length}><p>Looking for: {pr().skills.join(', ')}</p></Show>
              <Show when={pr().threshold}><p>{inv().committed} of {pr().threshold} committed{inv().thresholdReached ? ' — it’s happening!' : ''}</p></Show>
            </Show>
            <p class="text">{inv().content.text}</p>
            <Respond v={inv()} />
            <Show when={inv().kind === 'proposal'}><Consent v={inv()} /></Show>
            <People title="Going" list={inv().going} />
            <People title="Waitlist" list={inv().waitlist} numbered />
            <People title="Maybe" list={inv().maybe} />
            <People title="Not going" list={inv().declined} />
            <Show when={inv().hosts.includes(me()?.id ?? '')}><HostTools v={inv()} roomId={props.roomId} /></Show>
          </>
        )
      }}</Show>
    </main>
  )
}
