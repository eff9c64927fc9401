import type { InvitationNews, InvitationView, News } from '../../model/index.ts'
import * as sync from '../../sync/index.ts'
import type { Session } from '../../sync/index.ts'
import { route } from '../route.ts'
import { feed, model, rooms, session, setRooms } from './state.ts'

// when this person last looked at each room before the visit now under way: what its cards mark as new
export const sinceEntered = new Map<string, number>()
const sinceOf = (known: sync.KnownRoom | undefined, base: number) => (id: string) => Math.max(base, known?.seen?.[id] ?? 0)
// in the open room, during this visit: each invitation since the visit began, or since it was last opened
const sinceInVisit = (s: Session) => sinceOf(rooms().find((r) => r.id === s.ref.id), sinceEntered.get(s.ref.id) ?? Date.now())
/** The room whose screens are in front of this person, if any. */
export const lookingAt = () => {
  const r = route()
  return 'roomId' in r ? r.roomId : null
}
const commentsOf = (s: Session) => (id: string) => s.room.ledger.comments.get(id)?.values() ?? []

// a count waiting for an idle moment, per room (its views are the newest drawn), and when the person last looked at it
const waiting = new Map<string, { views: InvitationView[]; cancel: () => void }>()
const lookedAt = new Map<string, number>()
// the home screen is not in view: its counts wait at most this long for the page to be idle (a newer draw doesn't put them off)
const IDLE_MS = 2000
const onScreen = (s: Session) => lookingAt() === s.ref.id && document.visibilityState === 'visible'

/**
 * A room's counts on the home screen: what needs an answer, what is new, and the name its members gave it. While the
 * room itself is on screen its counts wait for an idle moment (its own list shows first); its name never waits.
 */
export const countFor = (s: Session, views: InvitationView[]) => {
  const known = sync.knownRooms().find((r) => r.id === s.ref.id)
  // a name a member gave the room is the one every list and link shows
  const named = s.room.about().current?.name
  if (named && known && known.name !== named) {
    sync.updateRoom(s.ref.id, { name: named })
    setRooms(sync.knownRooms())
  }
  if (!onScreen(s)) return countNow(s, views)
  lookedAt.set(s.ref.id, Date.now())
  const already = waiting.get(s.ref.id)
  if (already) return void (already.views = views)
  const wait = { views, cancel: () => {} }
  const run = () => countNow(s, wait.views)
  const idle = globalThis.requestIdleCallback
  wait.cancel = idle
    ? ((h) => () => cancelIdleCallback(h))(idle(run, { timeout: IDLE_MS }))
    : ((h) => () => clearTimeout(h))(setTimeout(run, IDLE_MS))
  waiting.set(s.ref.id, wait)
}

const countNow = (s: Session, views: InvitationView[]) => {
  waiting.get(s.ref.id)?.cancel()
  waiting.delete(s.ref.id)
  const id = s.room.person()
  const known = sync.knownRooms().find((r) => r.id === s.ref.id)
  const now = Date.now()
  // off screen: seen until the person last looked at it (a count that waited may not have written that yet)
  const lastSeen = onScreen(s) ? now : Math.max(known?.lastSeen ?? now, lookedAt.get(s.ref.id) ?? 0)
  const news = id && model ? model.roomNews(views, commentsOf(s), id, sinceOf(known, lastSeen), now) : undefined
  sync.updateRoom(s.ref.id, {
    lastSeen,
    needsAnswer: id && model ? views.filter((v) => model!.needsAnswer(v, id)).length : 0,
    unread: news?.invitations ?? 0,
    news,
  })
  setRooms(sync.knownRooms())
}

/** What is new on an invitation of the open room since this person last looked at it, or null when nothing is. */
export const newsOn = (v: InvitationView): InvitationNews | null => {
  const s = session()
  const id = s?.room.person()
  if (!s || !id || !model) return null
  const since = sinceInVisit(s)(v.id)
  const n = model.invitationNews(v, commentsOf(s)(v.id), id, since, Date.now())
  return model.hasNews(n) ? n : null
}

/** The open room's news since this person's last visit, as its cards mark it. */
export const roomNewsNow = (): News | null => {
  const s = session()
  const id = s?.room.person()
  if (!s || !id || !model) return null
  const n = model.roomNews(feed(), commentsOf(s), id, sinceInVisit(s), Date.now())
  return model.hasNews(n) ? n : null
}

/** This person has an invitation in front of them: its "new" marks clear. */
export const seeInvitation = (invitationId: string) => {
  const s = session()
  if (!s) return
  sync.markSeen(s.ref.id, invitationId)
  setRooms(sync.knownRooms())
}
