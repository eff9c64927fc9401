import { For, Show } from 'solid-js'
import { InRoom } from '../parts/InRoom.tsx'
import { feed, me, members, onlineMembers, trackRecordOf } from '../bridge.ts'

const titleOf = (id: string) => feed().find((v) => v.id === id)?.content.title ?? 'an invitation'

const Line = (props: { label: string; ids: string[] }) => (
  <Show when={props.ids.length}>
    <p><strong>{props.label}:</strong> {props.ids.map(titleOf).join(', ')}</p>
  </Show>
)

/** Who is in the room, who is here now, and what each has given: recognition, not ranking. */
export const People = (props: { roomId: string }) => {
  const sorted = () => [...members()].sort((a, b) => a.name.localeCompare(b.name))
  return (
    <InRoom roomId={props.roomId}>{() => (
    <main class="page">
      <header class="top">
        <a href={`#/room/${props.roomId}`} class="back" aria-label="Back to the room">←</a>
        <h1>People</h1>
      </header>
      <p class="muted">Everyone who has signed something in this room. A green dot means they are here now.</p>
      <ul class="cards">
        <For each={sorted()}>{(m) => {
          const t = () => trackRecordOf(m.id)
          return (
            <li class="card person">
              <h2>
                <span class={`dot ${onlineMembers().has(m.id) || m.id === me()?.id ? 'on' : 'off'}`} aria-hidden="true" />
                {m.name}{m.id === me()?.id ? ' (you)' : ''}
                <span class="sr-only">{onlineMembers().has(m.id) ? ', online now' : ''}</span>
              </h2>
              <Show when={t()}>{(r) => (
                <>
                  <Line label="Hosted" ids={r().hosted} />
                  <Line label="Co-hosted" ids={r().cohosted} />
                  <Line label="Stepped down from, making room for others" ids={r().steppedDown} />
                  <Line label="Stepped up for" ids={r().steppedUp} />
                  <Line label="Showed up for" ids={r().showedUp} />
                  <Show when={!r().hosted.length && !r().cohosted.length && !r().steppedUp.length}>
                    <p class="muted">Nothing yet — every room needs guests too.</p>
                  </Show>
                </>
              )}</Show>
            </li>
          )
        }}</For>
      </ul>
    </main>
    )}</InRoom>
  )
}
