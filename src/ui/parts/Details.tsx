import { For, Show } from 'solid-js'
import type { EventContent, InvitationView, ProjectContent } from '../../model/index.ts'
import { nameOf } from '../bridge.ts'
import { when } from '../format.ts'

/** The hosts; the longest-serving one is "host", the others "co-host", so after a handover the new host is simply the host. */
export const Hosts = (props: { v: InvitationView }) => (
  <ul class="hosts" aria-label="Hosts">
    <For each={props.v.hosts}>{(h, i) => <li>{nameOf(h)} <span class="badge">{i() === 0 ? 'host' : 'co-host'}</span></li>}</For>
  </ul>
)

/** When, where, how many: what a person decides by. */
export const Details = (props: { v: InvitationView }) => {
  const ev = () => props.v.content as EventContent
  const pr = () => props.v.content as ProjectContent
  return (
    <>
      <Show when={props.v.kind === 'event'}>
        <p>{when(ev().start, ev().tz)} – {when(ev().end, ev().tz)} <span class="muted">({ev().tz})</span></p>
        <p>{ev().online ? `Online${ev().place ? `: ${ev().place}` : ''}` : ev().place}</p>
        <Show when={ev().capacity}><p>{props.v.seatsTaken} of {ev().capacity} places taken{props.v.waitlist.length ? `, ${props.v.waitlist.length} waiting` : ''}</p></Show>
      </Show>
      <Show when={props.v.kind === 'project'}>
        <Show when={pr().skills.length}><p>Looking for: {pr().skills.join(', ')}</p></Show>
        <Show when={pr().threshold}><p>{props.v.committed} of {pr().threshold} committed{props.v.thresholdReached ? ' — it’s happening!' : ''}</p></Show>
      </Show>
      <p class="text">{props.v.content.text}</p>
    </>
  )
}
