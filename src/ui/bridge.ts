import { createEffect, createRoot, createSignal, on } from 'solid-js'
import { createIdentity, hasCrypto, indexedDbKeyStore, loadIdentity, type Identity } from '../identity/index.ts'
import type { CommentView, InvitationNews, InvitationView, MakeSpace, NeedView, News, RoomAbout, TrackRecord } from '../model/index.ts'
import * as sync from '../sync/index.ts'
import type { RoomStatus, Session } from '../sync/index.ts'
import type { Problem } from './i18n/index.ts'
import { keepClosing } from './closing.ts'
import { route } from './route.ts'

/** The one place the UI meets the model and sync: Solid signals and stores out, actions in. */
const [me, setMe] = createSignal<Identity | null>(null)
const [startError, setStartError] = createSignal<Problem | null>(null)
const [name, setNameSignal] = createSignal(sync.deviceName())
const [rooms, setRooms] = createSignal(sync.knownRooms())
const [session, setSession] = createSignal<Session | null>(null)
const [status, setStatus] = createSignal<RoomStatus | null>(null)
// a plain signal of immutable views: a deep store would walk all 10,000 of them on every change
const [feed, setFeed] = createSignal<InvitationView[]>([])
const [members, setMembers] = createSignal<{ id: string; name: string }[]>([])
const [signaling, setSignalingSignal] = createSignal(sync.signalingServers())
const [persisted, setPersisted] = createSignal<boolean | null>(null)
const [relay, setRelaySignal] = createSignal(sync.relayServer())
// the open room's name and description as its members gave them, with who did
const [about, setAbout] = createSignal<RoomAbout | null>(null)

export { me, name, rooms, session, status, feed, members, startError, signaling, persisted, relay, about }

// the model (and Yjs with it) loads with the first room opened, not with the home screen; every use below is of an open room
type Model = typeof import('../model/index.ts')
let model: Model | undefined
const loadModel = async () => (model ??= await import('../model/index.ts'))
export const defaultRelay = sync.defaultRelay

export const start = async () => {
  if (!hasCrypto()) {
    setStartError({ code: 'needs-secure-connection' })
    return
  }
  void sync.isPersisted().then(setPersisted)
  try {
    // room secrets are sealed at rest; they open before anything shows a room
    await sync.unlockRooms().catch(() => {})
    setRooms(sync.knownRooms())
    setMe(await loadIdentity(indexedDbKeyStore()))
  } catch (err) {
    setStartError({ code: 'no-key-here', error: String(err) })
  }
}

/** Rooms stay open in the background once entered, so their counts on the home screen stay live. */
const open = new Map<string, { s: Session; feed: ReturnType<Model['createFeed']> }>()
const frames = new Map<string, number>()

// when this person last looked at each room before the visit now under way: what its cards mark as new
const sinceEntered = new Map<string, number>()
const sinceOf = (known: sync.KnownRoom | undefined, base: number) => (id: string) => Math.max(base, known?.seen?.[id] ?? 0)
// in the open room, during this visit: each invitation since the visit began, or since it was last opened
const sinceInVisit = (s: Session) => sinceOf(rooms().find((r) => r.id === s.ref.id), sinceEntered.get(s.ref.id) ?? Date.now())
/** The room whose screens are in front of this person, if any. */
const lookingAt = () => {
  const r = route()
  return 'roomId' in r ? r.roomId : null
}
// a visit lasts from coming into a room's screens to leaving them: its cards keep their marks until each is opened
createRoot(() => createEffect(on(lookingAt, (now, before) => {
  if (before) {
    sync.updateRoom(before, { lastSeen: Date.now() })
    const was = open.get(before)
    if (was) refresh(was.s)
  }
  if (now) {
    // at start the rooms are not unlocked yet: entering the room then says when it was last seen
    const known = sync.knownRooms().find((r) => r.id === now)
    if (known) sinceEntered.set(now, known.lastSeen ?? Date.now())
    else sinceEntered.delete(now)
  }
})))
const commentsOf = (s: Session) => (id: string) => s.room.ledger.comments.get(id)?.values() ?? []

const countFor = (s: Session, views: InvitationView[]) => {
  const id = s.room.person()
  const known = sync.knownRooms().find((r) => r.id === s.ref.id)
  const visible = lookingAt() === s.ref.id && document.visibilityState === 'visible'
  const now = Date.now()
  const lastSeen = visible ? now : known?.lastSeen ?? now
  // a name a member gave the room is the one every list and link shows
  const named = s.room.about().current?.name
  const news = id && model ? model.roomNews(views, commentsOf(s), id, sinceOf(known, lastSeen), now) : undefined
  sync.updateRoom(s.ref.id, {
    ...(named && known && known.name !== named ? { name: named } : {}),
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

const refresh = (s: Session) => {
  if (frames.has(s.ref.id)) return
  frames.set(s.ref.id, requestAnimationFrame(() => {
    frames.delete(s.ref.id)
    const views = open.get(s.ref.id)?.feed.list() ?? []
    if (session() === s) {
      setFeed(views)
      setMembers(s.room.members())
      setAbout(s.room.about())
      // for the bench: when the list first shows after a room opens
      if (views.length && !performance.getEntriesByName('hearth:feed-rendered').length)
        requestAnimationFrame(() => setTimeout(() => performance.mark('hearth:feed-rendered')))
    }
    countFor(s, views)
    stepDownWhenDue(s, views)
    keepClosing(s, views)
  }))
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
      const [s, m] = await Promise.all([sync.openSession(known, identity, { signaling: signaling(), relay: relay(), name: name() }), loadModel()])
      performance.mark('hearth:session-open')
      open.set(known.id, { s, feed: m.createFeed(s.room) })
      s.room.onChange(() => refresh(s))
      void sync.followMoves(s, identity, { signaling: signaling(), relay: relay(), name: name() }, () => setRooms(sync.knownRooms()))
      return s
    })()
    entering.set(known.id, p)
    void p.finally(() => entering.delete(known.id)).catch(() => {})
  }
  return p
}

/** For the devices part (devices.ts): the rooms open now, a known room opened without showing it, the rooms again. */
export const openSessions = () => [...open.values()].map((o) => o.s)
export const openKnown = (id: string) => {
  const known = sync.knownRooms().find((r) => r.id === id)
  const identity = me()
  return known && identity ? openRoom(known, identity) : Promise.resolve(null)
}
export const refreshRooms = () => setRooms(sync.knownRooms())

export const enterRoom = async (roomId: string): Promise<Problem | null> => {
  const known = sync.knownRooms().find((r) => r.id === roomId)
  if (!known) return { code: 'room-not-here' }
  const identity = me()
  if (!identity) return { code: 'starting-up' }
  if (session()?.ref.id === roomId) {
    await session()!.room.ledger.ready
    return null
  }
  const s = await openRoom(known, identity)
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

export const chooseName = (value: string): Problem | null => {
  const trimmed = value.trim()
  if (!trimmed) return { code: 'choose-name' }
  if (trimmed.length > 80) return { code: 'at-most', what: 'name', max: 80 }
  sync.setDeviceName(trimmed)
  setNameSignal(trimmed)
  for (const { s } of open.values()) void model?.commands.setName(s.room, trimmed)
  return null
}

/** Changes where this device looks for peers; open rooms reconnect with the new list. */
export const setSignaling = async (urls: string[]): Promise<Problem | null> => {
  for (const url of urls) {
    const err = sync.checkSignalingUrl(url)
    if (err) return err
  }
  const unique = [...new Set(urls.map((u) => u.trim()))]
  sync.setSignalingServers(unique)
  setSignalingSignal(unique)
  await reopenRooms()
  return null
}

const reopenRooms = async () => {
  const current = session()?.ref.id
  for (const id of [...open.keys()]) await closeRoom(id)
  if (current) await enterRoom(current)
}

/** Points this device at another relay, or none (null); open rooms reconnect. */
export const setRelay = async (url: string | null): Promise<Problem | null> => {
  const value = url?.trim() || null
  if (value) {
    const err = sync.checkRelayUrl(value)
    if (err) return err
  }
  sync.setRelayServer(value)
  setRelaySignal(value)
  await reopenRooms()
  return null
}

export const createRoom = (roomName: string) => {
  const ref = sync.newRoomRef(roomName.trim() || 'Our room')
  sync.rememberRoom(ref, ref.name)
  setRooms(sync.knownRooms())
  return ref.id
}

export const joinLink = (text: string): { ok: true; id: string } | { ok: false; error: Problem } => {
  const parsed = sync.parseRoomLink(text, (id) => sync.knownRooms().find((r) => r.id === id))
  if (!parsed.ok) return parsed
  sync.rememberRoom(parsed.ref)
  setRooms(sync.knownRooms())
  return { ok: true, id: parsed.ref.id }
}

export const leaveRoom = async (roomId: string) => {
  await closeRoom(roomId)
  await sync.deleteRoomData(roomId)
  sync.forgetRoom(roomId)
  setRooms(sync.knownRooms())
}

export const shareLink = () => {
  const s = session()
  const known = s && rooms().find((r) => r.id === s.ref.id)
  return known ? sync.roomLink(known, location.href) : ''
}

// members() changes whenever someone's name does: reading it makes every name on screen follow renames live
export const nameOf = (member: string) => (members(), session()?.room.nameOf(member) ?? member.slice(0, 6))
// from the feed already derived, not from every invitation again for each person
// the feed changes whenever a comment does (its invitation is re-derived): reading it keeps threads live
/** One date of a repeating event as the room sees it; follows the room live like the feed. */
export const occurrenceView = (id: string, at: number): InvitationView | null => (feed(), session()?.room.occurrence(id, at) ?? null)
export const discussionOf = (id: string): CommentView[] => (feed(), session()?.room.discussion(id) ?? [])
/** an invitation's comments as one text, for search */
export const commentsText = (id: string): string => model?.commentTexts(discussionOf(id)).join('\n') ?? ''
export const trackRecordOf = (member: string): TrackRecord =>
  model?.trackRecord(feed(), member, (id) => session()?.room.needs(id) ?? []) ?? { hosted: [], cohosted: [], steppedDown: [], steppedUp: [], showedUp: [], claimed: [], fulfilled: [], understudy: [], handedOver: [], tookOver: [] }
// like discussionOf: the feed changes whenever a claim does
export const needsOf = (id: string): NeedView[] => (feed(), session()?.room.needs(id) ?? [])
export const makeSpaceNow = (): MakeSpace | null => (feed(), session()?.room.makeSpace() ?? null)
// a host role whose end date has come: this device steps down, to the understudy (see commands/needs.ts)
const due = new Set<string>()
const stepDownWhenDue = (s: Session, views: InvitationView[]) => {
  const id = s.room.person()
  if (!model || !id || due.has(s.ref.id) || !views.some((v) => v.until.some((u) => u.member === id && u.end <= Date.now()))) return
  due.add(s.ref.id)
  void model.commands.stepDownWhenDue(s.room, views).finally(() => due.delete(s.ref.id))
}
export const onlineMembers = () => new Set((status()?.peers ?? []).map((p) => p.member).filter(Boolean) as string[])

// statuses follow the clock (an event ends, a proposal closes): look again now and then
const lookAgain = () => {
  for (const { s, feed } of open.values()) {
    feed.refreshAll()
    refresh(s)
  }
}
document.addEventListener('visibilitychange', lookAgain)
setInterval(lookAgain, 60_000)


// a handle for tests and the bench, which seed rooms far larger than anyone would type
;(globalThis as { __hearth?: unknown }).__hearth = { session, createIdentity, get commands() { return model?.commands } }

/** A room's code, fetched ahead of the first room opened (see prefetch.ts). */
export const preloadRooms = () => Promise.all([sync.preloadRooms(), loadModel()])
