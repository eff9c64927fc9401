import { Show, createEffect, createMemo, createSignal } from 'solid-js'
import { commentsText, feed, glance, keepGlance, leaveRoom, roomNewsNow, rooms, shareLink } from '../bridge/index.ts'
import { t } from '../i18n/index.ts'
// this screen's English (the first screen carries only its own)
import '../i18n/later.ts'
import { Connection } from '../parts/room/Connection.tsx'
import { Feed } from '../parts/room/Feed.tsx'
import { InRoom } from '../parts/room/InRoom.tsx'
import { RoomCalendar } from '../parts/room/Calendar.tsx'
import { RoomNews } from '../parts/room/News.tsx'
import { RoomNotify, SoonBanner } from '../parts/app/Notify.tsx'
import { RoomAbout } from '../parts/room/RoomAbout.tsx'
import { Share } from '../parts/share/Share.tsx'
import { Top } from '../parts/app/Top.tsx'
import { go, roomPath } from '../route.ts'
import { Moved } from '../parts/room/Moved.tsx'
import { actions } from '../actions/index.ts'
import { search } from '../parts/room/search.ts'
import { sectionRows } from '../parts/room/sections.ts'

const Search = (props: { value: string; onInput: (v: string) => void }) => (
  <div class="search">
    <label for="room-search" class="sr-only">{t('room.search')}</label>
    <input id="room-search" type="search" placeholder={t('room.search')} value={props.value} autocomplete="off"
      onInput={(e) => props.onInput(e.currentTarget.value)} />
  </div>
)

export const RoomPage = (props: { roomId: string }) => {
  const [query, setQuery] = createSignal('')
  const room = () => rooms().find((r) => r.id === props.roomId)
  const found = createMemo(() => search(feed(), query(), (v) => commentsText(v.id)))
  const rows = createMemo(() => sectionRows(found()))
  const count = () => {
    const all = feed().length
    return query().trim() ? t('room.matching', { found: found().length, all }) : t('room.count', { n: all })
  }
  // what this device shows now is what the room opens onto next time (see bridge/glance.ts)
  const early = () => { const g = glance(); return g?.roomId === props.roomId ? g : null }
  createEffect(() => { if (!early() && !query().trim() && feed().length) keepGlance(props.roomId, rows(), feed().length) })
  const leave = async () => {
    // roles first: what this person hosts is handed over or released, and the prompt says which
    const hosted = actions.hosted()
    const lines = hosted.map((h) => `• ${t(h.shared ? 'leaving.stepDown' : 'leaving.cancel', { title: h.title })}`)
    if (!confirm(hosted.length ? `${t('leaving.confirm')}\n\n${t('leaving.hosts')}\n${lines.join('\n')}` : t('room.leaveConfirm'))) return
    if (hosted.length && !(await actions.releaseRoles()).ok) return
    await leaveRoom(props.roomId)
    go('#/')
  }
  return (
    <InRoom roomId={props.roomId}>{(ready) => (
      <main class="page room">
        <Top back="#/" label={t('common.allRooms')} title={room()?.name ?? t('room.fallbackName')}>
          <a class="button" href={`${roomPath(props.roomId)}/people`}>{t('room.people')}</a>
        </Top>
        <Moved room={room()} />
        <RoomAbout name={room()?.name ?? ''} />
        <Connection />
        <SoonBanner roomId={props.roomId} />
        <Show when={!room()?.movedTo && !room()?.closedToMe}><div class="room-actions">
          <a class="button primary" href={`${roomPath(props.roomId)}/new`}>{t('room.invite')}</a>
          <Share id="share-link" title={t('room.shareTitle', { room: room()?.name ?? t('common.thisRoom') })} link={shareLink()} label={t('room.link')} qrLabel={t('room.qr')}>
            <a class="button" href={`${roomPath(props.roomId)}/pair`}>{t('room.pair')}</a>
          </Share>
        </div></Show>
        <Show when={early()}>{(g) => <>
          <Search value={query()} onInput={setQuery} />
          <p class="count" role="status" aria-busy="true">{t('room.count', { n: g().count })}</p>
          <Feed rows={g().rows} roomId={props.roomId} />
        </>}</Show>
        <Show when={!early() && ready()} fallback={<Show when={!early()}><p aria-busy="true">{t('room.opening')}</p></Show>}>
          <Show when={feed().length} fallback={<p class="empty">{t('room.empty')}</p>}>
            <Search value={query()} onInput={setQuery} />
            <p class="count" role="status">{count()}</p>
            <RoomNews news={roomNewsNow()} />
            <Show when={found().length} fallback={<p class="empty">{t('room.noMatch', { query: query().trim() })}</p>}>
              <Feed rows={rows()} roomId={props.roomId} />
            </Show>
          </Show>
        </Show>
        <Show when={ready() && feed().some((v) => v.kind === 'event')}><RoomCalendar roomId={props.roomId} /></Show>
        <RoomNotify roomId={props.roomId} />
        <button type="button" class="danger" onClick={leave}>{t('room.leave')}</button>
      </main>
    )}</InRoom>
  )
}
