import { For, Show } from 'solid-js'
import type { EventContent, InvitationView, ProjectContent } from '../../../model/index.ts'
import { when } from '../../format.ts'
import { t } from '../../i18n/index.ts'
import { Name } from '../people/Name.tsx'

/** The hosts; the longest-serving one is "host", the others "co-host", so after a handover the new host is simply the host. */
export const Hosts = (props: { v: InvitationView }) => (
  <ul class="hosts" aria-label={t('invitation.hosts')}>
    <For each={props.v.hosts}>{(h, i) => <li><Name id={h} /> <span class="badge">{i() === 0 ? t('invitation.host') : t('invitation.cohost')}</span></li>}</For>
  </ul>
)

/** When, where, how many: what a person decides by. */
export const Details = (props: { v: InvitationView }) => {
  const ev = () => props.v.content as EventContent
  const pr = () => props.v.content as ProjectContent
  // a repeating event's date in view, as its host may have moved it
  const start = () => props.v.occurrence?.start ?? ev().start
  const end = () => props.v.occurrence?.end ?? ev().end
  const place = () => props.v.occurrence?.place ?? ev().place
  return (
    <>
      <Show when={props.v.kind === 'event'}>
        <p>{when(start(), ev().tz)} – {when(end(), ev().tz)} <span class="muted">({ev().tz})</span></p>
        <p>{ev().online ? (place() ? t('card.onlineAt', { place: place() }) : t('card.online')) : place()}</p>
        <Show when={ev().capacity}><p>{t('card.placesTaken', { taken: props.v.seatsTaken, capacity: ev().capacity ?? 0 })}{props.v.waitlist.length ? t('card.waiting', { n: props.v.waitlist.length }) : ''}</p></Show>
      </Show>
      <Show when={props.v.kind === 'project'}>
        <Show when={pr().threshold}><p>{t('card.committedOf', { n: props.v.committed, of: pr().threshold ?? 0 })}{props.v.thresholdReached ? t('invitation.happening') : ''}</p></Show>
      </Show>
      <p class="text">{props.v.content.text}</p>
    </>
  )
}
