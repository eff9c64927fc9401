import { Show, createMemo, createSignal } from 'solid-js'
import { feed, leaveRoom, rooms, shareLink } from '../bridge.ts'
import { Connection } from '../parts/Connection.tsx'
import { Feed } from '../parts/Feed.tsx'
import { InRoom } from '../parts/InRoom.tsx'
import { Share } from '../parts/Share.tsx'
import { go, roomPath } from '../route.ts'
import { search } from '../search.ts'
import { sectionRows } from '../sections.ts'

const Search = (props: { value: string; onInput: (v: string) => void }) => (
  <div class="search">
    <label for="room-search" class="sr-only">Search invitations</label>
    <input id="room-search" type="search" placeholder="Search invitations" value={props.value} autocomplete="off"
      onInput={(e) => props.onInput(e.currentTarget.value)} />
  </div>
)

export const RoomPage = (props: { roomId: string }) => {
  const [query, setQuery] = createSignal('')
  const room = () => rooms().find((r) => r.id === props.roomId)
  const found = createMemo(() => search(feed(), query()))
  const rows = createMemo(() => sectionRows(found()))
  const count = () => {
    const all = feed().length.toLocaleString()
    return query().trim() ? `${found().length.toLocaleString()} of ${all} invitations match` : `${all} invitations`
  }
  const leave = async () => {
    if (!confirm('Leave this room? Its invitations will be deleted from this device. Others keep theirs.')) return
    await leaveRoom(props.roomId)
    go('#/')
  }
  return (
    <InRoom roomId={props.roomId}>{(ready) => (
      <main class="page room">
        <header class="top">
          <a href="#/" class="back" aria-label="All rooms">←</a>
          <h1>{room()?.name ?? 'Room'}</h1>
          <a class="button" href={`${roomPath(props.roomId)}/people`}>People</a>
        </header>
        <Connection />
        <div class="room-actions">
          <a class="button primary" href={`${roomPath(props.roomId)}/new`}>Invite…</a>
          <Share id="share-link" title={`Join ${room()?.name ?? 'this room'} on Hearth`} link={shareLink()} label="Room link" qrLabel="QR code to join this room">
            <a class="button" href={`${roomPath(props.roomId)}/pair`}>Pair in person (no internet)</a>
          </Share>
        </div>
        <Show when={ready()} fallback={<p aria-busy="true">Opening the room…</p>}>
          <Show when={feed().length} fallback={<p class="empty">Nothing here yet. Be the first: invite people to something.</p>}>
            <Search value={query()} onInput={setQuery} />
            <p class="count" role="status">{count()}</p>
            <Show when={found().length} fallback={<p class="empty">Nothing matches “{query().trim()}”. Try another word.</p>}>
              <Feed rows={rows()} roomId={props.roomId} />
            </Show>
          </Show>
        </Show>
        <button type="button" class="danger" onClick={leave}>Leave room</button>
      </main>
    )}</InRoom>
  )
}
