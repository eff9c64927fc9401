import { For, Show, createEffect, createMemo, createSignal, on } from 'solid-js'
import { myPlace, needsAnswer, type Kind } from '../../model/index.ts'
import { enterRoom, feed, leaveRoom, me, rooms } from '../bridge.ts'
import { KIND_LABEL } from '../format.ts'
import { Feed } from '../parts/Feed.tsx'
import { Share } from '../parts/Share.tsx'
import { Status } from '../parts/Status.tsx'
import { go } from '../route.ts'

type Mine = 'needs' | 'hosting' | 'going'
const MINE: [Mine, string][] = [['needs', 'Needs my answer'], ['hosting', 'I’m hosting'], ['going', 'I’m going']]

export const RoomPage = (props: { roomId: string }) => {
  const [error, setError] = createSignal<string | null>(null)
  const [ready, setReady] = createSignal(false)
  const [kind, setKind] = createSignal<Kind | null>(null)
  const [mine, setMine] = createSignal<Mine | null>(null)
  createEffect(on(() => props.roomId, async (id) => {
    setReady(false)
    setError(await enterRoom(id))
    setReady(true)
  }))
  const room = () => rooms().find((r) => r.id === props.roomId)
  const shown = createMemo(() => {
    const id = me()?.id ?? ''
    const k = kind()
    const m = mine()
    if (!k && !m) return feed()
    return feed().filter((v) => (!k || v.kind === k) && (!m
      || (m === 'needs' && needsAnswer(v, id))
      || (m === 'hosting' && v.hosts.includes(id))
      || (m === 'going' && myPlace(v, id).reply?.answer === 'yes')))
  })
  const leave = async () => {
    if (!confirm('Leave this room? Its invitations will be deleted from this device. Others keep theirs.')) return
    await leaveRoom(props.roomId)
    go('#/')
  }
  return (
    <main class="page room">
      <header class="top">
        <a href="#/" class="back" aria-label="All rooms">←</a>
        <h1>{room()?.name ?? 'Room'}</h1>
        <a class="button" href={`#/room/${props.roomId}/people`}>People</a>
      </header>
      <Show when={!error()} fallback={<p class="banner error" role="alert">{error()}</p>}>
        <Status />
        <nav class="make" aria-label="Make an invitation">
          <a class="button" href={`#/room/${props.roomId}/new/project`}>Invite people to a project</a>
          <a class="button" href={`#/room/${props.roomId}/new/event`}>Host an event</a>
          <a class="button" href={`#/room/${props.roomId}/new/proposal`}>Propose</a>
        </nav>
        <Show when={ready()} fallback={<p aria-busy="true">Opening the room…</p>}>
          <Show when={feed().length} fallback={<p class="empty">Nothing here yet. Be the first: invite people to something.</p>}>
            <div class="filters" role="group" aria-label="Show">
              <For each={Object.entries(KIND_LABEL) as [Kind, string][]}>{([k, label]) => (
                <button type="button" class="chip" aria-pressed={kind() === k} onClick={() => setKind(kind() === k ? null : k)}>{label}s</button>
              )}</For>
              <For each={MINE}>{([m, label]) => (
                <button type="button" class="chip" aria-pressed={mine() === m} onClick={() => setMine(mine() === m ? null : m)}>{label}</button>
              )}</For>
            </div>
            <p class="count" role="status">{shown().length.toLocaleString()} invitations</p>
            <Show when={shown().length} fallback={<p class="empty">Nothing matches. Clear a filter to see more.</p>}>
              <Feed items={shown()} roomId={props.roomId} />
            </Show>
          </Show>
        </Show>
        <Share roomName={room()?.name ?? 'this room'} />
        <a class="button" href={`#/room/${props.roomId}/pair`}>Pair in person (no internet)</a>
        <button type="button" class="danger" onClick={leave}>Leave room</button>
      </Show>
    </main>
  )
}
