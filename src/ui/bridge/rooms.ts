import { batch, createEffect, createRoot, createSignal, on } from 'solid-js'
import type { Identity } from '../../identity/index.ts'
import type { InvitationView } from '../../model/index.ts'
import * as sync from '../../sync/index.ts'
import type { Session } from '../../sync/index.ts'
import { keepClosing } from '../actions/closing.ts'
import type { Problem } from '../i18n/index.ts'
import { dropGlance, forgetGlance, showGlance } from './glance.ts'
import { countFor, lookingAt, sinceEntered } from './news.ts'
import {
  knownRoom, loadModel, me, model, name, open, persisted, relay, rooms, session, setAbout, setFeed, setMembers,
  setPersisted, setRooms, setSession, setStatus, signaling,
  type Model,
} from './state.ts'

const frames = new Map<string, number>()

// a visit lasts from coming into a room's screens to leaving them: its cards keep their marks until each is opened
createRoot(() => createEffect(on(lookingAt, (now, before) => {
  if (before) {
    sync.updateRoom(before, { lastSeen: Date.now() })
    const was = open.get(before)
    if (was) refresh(was.s)
  }
  if (now) {
    // at start the rooms are not unlocked yet: entering the room then says when it was last seen
    const known = knownRoom(now)
    if (known) sinceEntered.set(now, known.lastSeen ?? Date.now())
    else sinceEntered.delete(now)
  }
})))

type Viewer = (roomId: string, views: InvitationView[], person: string | null | undefined) => void
const viewers = new Set<Viewer>()
/** Calls `f` with each open room's views as they change (the calendar feed follows them); the rooms open now at once. */
export const followRoomViews = (f: Viewer) => {
  viewers.add(f)
  for (const [id, o] of open) f(id, o.feed.list(), o.s.room.person())
  return () => viewers.delete(f)
}

// a host role whose end date has come: this device steps down, to the understudy (see commands/needs.ts)
const due = new Set<string>()
const stepDownWhenDue = (s: Session, views: InvitationView[]) => {
  const id = s.room.person()
  if (!model || !id || due.has(s.ref.id) || !views.some((v) => v.until.some((u) => u.member === id && u.end <= Date.now()))) return
  due.add(s.ref.id)
  void model.commands.stepDownWhenDue(s.room, views).finally(() => due.delete(s.ref.id))
}

// a join's later slices wait this long at most for the list to show what the earlier ones brought
const BULK_MS = 1000

/**
 * Shows a room's views once per frame, however many changes came in it, and keeps its counts current. While the
 * ledger still has records queued (a join's slices arrive faster than they are checked), the list waits until it
 * has none, or a second: each showing of 10,000 costs the page more than checking the next slice does.
 */
const refresh = (s: Session) => {
  if (frames.has(s.ref.id)) return
  frames.set(s.ref.id, 0)
  void Promise.race([s.room.ledger.settled(), new Promise((ok) => setTimeout(ok, BULK_MS))]).then(() => show(s))
}

const show = (s: Session) => {
  frames.set(s.ref.id, requestAnimationFrame(() => {
    frames.delete(s.ref.id)
    // the list, the members and the room's counts change together: the screen's memos run once for all of them
    batch(() => showNow(s))
  }))
}

const showNow = (s: Session) => {
  const views = open.get(s.ref.id)?.feed.list() ?? []
  if (session() === s) {
    setFeed(views)
    setMembers(s.room.members())
    setAbout(s.room.about())
    dropGlance()
    // for the bench: when the list first shows after a room opens (a kept glance may have shown it first)
    if (views.length) painted('hearth:feed-rendered'), painted('hearth:feed-checked')
  }
  countFor(s, views)
  stepDownWhenDue(s, views)
  keepClosing(s, views)
  for (const f of viewers) f(s.ref.id, views, s.room.person())
}

const prewarm = (m: Model) => { m.prewarmSift(); return m }

const painted = (mark: string) => {
  if (!performance.getEntriesByName(mark).length) requestAnimationFrame(() => setTimeout(() => performance.mark(mark)))
}

let statusOff: (() => void) | undefined
const entering = new Map<string, Promise<Session>>()

const openRoom = (known: sync.KnownRoom, identity: Identity): Promise<Session> => {
  const already = open.get(known.id)?.s
  if (already) return Promise.resolve(already)
  // two screens asking at once share one opening, so a room never gets two feeds
  let p = entering.get(known.id)
  if (!p) {
    p = (async () => {
      performance.mark('hearth:room-open')
      // the shape-check workers start while the session reads the room: a join or a lost cache needs them next
      const asked = name()
      const [s, m] = await Promise.all([sync.openSession(known, identity, { signaling: signaling(), relay: relay(), name: asked }), loadModel().then(prewarm)])
      performance.mark('hearth:session-open')
      open.set(known.id, { s, feed: m.createFeed(s.room) })
      // a link opens its room before the Welcome screen has a name: one chosen meanwhile reaches the room too
      if (name() && name() !== asked) void m.commands.setName(s.room, name())
      s.room.onChange(() => refresh(s))
      void sync.followMoves(s, identity, { signaling: signaling(), relay: relay(), name: name() }, () => setRooms(sync.knownRooms()))
      return s
    })()
    entering.set(known.id, p)
    void p.finally(() => entering.delete(known.id)).catch(() => {})
  }
  return p
}

/** For the devices part (devices.ts): the rooms open now, and a known room opened without showing it. */
export const openSessions = () => [...open.values()].map((o) => o.s)
export const openKnown = (id: string) => {
  const known = knownRoom(id)
  const identity = me()
  return known && identity ? openRoom(known, identity) : Promise.resolve(null)
}

export const enterRoom = async (roomId: string): Promise<Problem | null> => {
  const known = knownRoom(roomId)
  if (!known) return { code: 'room-not-here' }
  const identity = me()
  if (!identity) return { code: 'starting-up' }
  if (session()?.ref.id === roomId) {
    await session()!.room.ledger.ready
    return null
  }
  const opening = openRoom(known, identity)
  // a room not open yet shows the list this device last showed while it reads and checks its document
  if (!open.has(roomId) && showGlance(roomId)) painted('hearth:feed-rendered')
  const s = await opening.catch((err) => { dropGlance(); throw err })
  if (session() === s) return null
  sync.rememberRoom(known)
  setRooms(sync.knownRooms())
  // once a person has a room, ask the browser not to evict it
  if (!persisted()) void sync.askToPersist().then(setPersisted)
  statusOff?.()
  if (!sinceEntered.has(roomId)) sinceEntered.set(roomId, known.lastSeen ?? Date.now())
  setSession(s)
  setStatus(s.status.get())
  statusOff = s.status.subscribe(setStatus)
  setFeed([])
  setAbout(s.room.about())
  await s.room.ledger.ready
  performance.mark('hearth:room-ready')
  refresh(s)
  return null
}

const closeRoom = async (roomId: string) => {
  const s = open.get(roomId)?.s
  open.delete(roomId)
  if (session() === s) {
    statusOff?.()
    setSession(null)
    setFeed([])
    setAbout(null)
  }
  await sync.closeSession(roomId)
}

/** Every open room closed and the one in front of the person opened again: after where it connects changed. */
export const reopenRooms = async () => {
  const current = session()?.ref.id
  for (const id of [...open.keys()]) await closeRoom(id)
  if (current) await enterRoom(current)
}

// a room's link, made or read, loads with its hashing when first needed (sync.links), not with the home screen
type Links = Awaited<ReturnType<typeof sync.links>>
const [links, setLinks] = createSignal<Links>()
export const loadLinks = () => sync.links().then((m) => (setLinks(() => m), m))

export const createRoom = async (roomName: string) => {
  const ref = (await loadLinks()).newRoomRef(roomName.trim() || 'Our room')
  sync.rememberRoom(ref, ref.name)
  setRooms(sync.knownRooms())
  return ref.id
}

/** Remembers a link's room; the caller goes to it, then refreshes the rooms (so the home screen never draws its card first). */
export const joinLink = async (text: string): Promise<{ ok: true; id: string } | { ok: false; error: Problem }> => {
  const parsed = (await loadLinks()).parseRoomLink(text, knownRoom)
  if (!parsed.ok) return parsed
  const newcomer = !knownRoom(parsed.ref.id)
  sync.warmRelay(relay(), newcomer ? parsed.ref.secret : undefined)
  const known = sync.rememberRoom(parsed.ref)
  // a room new to this device opens now (its store, its relay join) while its page loads, not once that has rendered
  const identity = me()
  if (newcomer && identity) void openRoom(known, identity).catch(() => {})
  return { ok: true, id: parsed.ref.id }
}

export const leaveRoom = async (roomId: string) => {
  await closeRoom(roomId)
  forgetGlance(roomId)
  await sync.deleteRoomData(roomId)
  sync.forgetRoom(roomId)
  setRooms(sync.knownRooms())
}

export const shareLink = () => {
  const s = session()
  const known = s && rooms().find((r) => r.id === s.ref.id)
  if (known && !links()) void loadLinks()
  return known ? links()?.roomLink(known, location.href) ?? '' : ''
}

// statuses follow the clock (an event ends, a proposal closes): look again now and then
const lookAgain = () => {
  for (const { s, feed } of open.values()) {
    feed.refreshAll()
    refresh(s)
  }
}
document.addEventListener('visibilitychange', lookAgain)
setInterval(lookAgain, 60_000)
