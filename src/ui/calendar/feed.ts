import { createSignal } from 'solid-js'
import type { EventContent, InvitationView } from '../../model/index.ts'
import * as sync from '../../sync/index.ts'
import { followRoomViews, openKnown, relay, rooms } from '../bridge/index.ts'
import { t, type Problem } from '../i18n/index.ts'
// this screen's English (the first screen carries only its own)
import '../i18n/later.ts'
import { calendarIcs, type CalendarEvent } from './ics.ts'
import { mine, upcoming } from '../parts/room/Calendar.tsx'

/**
 * This person's calendar feed, kept current by this device: the events they're going to (or host) in every room it
 * holds, sent to the relay a moment after they change. A room not opened this visit counts as it was last seen.
 */
type Kept = sync.KeptFeed<CalendarEvent>

// a burst of answers is one send
const SETTLE_MS = 2000
const RETRY_MS = 60_000
// the relay drops a feed nobody writes or reads for 60 days (FEED_EXPIRE_DAYS): sent again weekly while the app is open
const REFRESH_MS = 7 * 24 * 3600_000

let kept: Kept | null = null
let started: Promise<void> | null = null
let unfollow: (() => void) | null = null
let timer: ReturnType<typeof setTimeout> | undefined
let sending: Promise<void> | null = null
const [links, setLinks] = createSignal<{ https: string; webcal: string } | null>(null)
const [problem, setProblem] = createSignal<Problem | null>(null)
/** the feed's links while it is published, and what went wrong with its last send */
export { links as feedLinks, problem as feedProblem }

const io = () => sync.calendarFeed()

const goingIn = (views: InvitationView[], person: string): CalendarEvent[] =>
  upcoming(views, Date.now()).filter((v) => mine(v, person)).map((v) => ({ id: v.id, content: v.content as EventContent, version: v.version }))

const later = (ms = SETTLE_MS) => {
  clearTimeout(timer)
  timer = setTimeout(() => void send(), ms)
}

const follow = (roomId: string, views: InvitationView[], person: string | null | undefined) => {
  if (!kept || !person) return
  const events = goingIn(views, person)
  if (JSON.stringify(events) === JSON.stringify(kept.rooms[roomId] ?? [])) return
  kept.rooms[roomId] = events
  later()
}

// only the rooms this device still holds: a room left is out of the feed
const whole = (k: Kept) => {
  const here = new Set(rooms().map((r) => r.id))
  const events = Object.entries(k.rooms).filter(([id]) => here.has(id)).flatMap(([, e]) => e).sort((a, b) => a.content.start - b.content.start)
  return { key: JSON.stringify(events), events }
}

const sendOnce = async (): Promise<Problem | null> => {
  const k = kept
  if (!k) return null
  const m = await io()
  const { key, events } = whole(k)
  if (key !== k.sent || Date.now() - (k.sentAt ?? 0) >= REFRESH_MS) {
    const err = await m.publishFeed(k.ref, calendarIcs(events, t('feed.name'), Date.now(), t('card.online')))
    setProblem(err)
    if (err) {
      // a refusal that a retry can't mend waits for the person; being offline doesn't
      const lasting = err.code === 'feed-refused' && (err.why === 'wrong-token' || err.why === 'feed-revoked' || err.why === 'too-large')
      if (!lasting) later(RETRY_MS)
      return err
    }
    k.sent = key
    k.sentAt = Date.now()
  }
  if (kept === k) {
    await m.keepFeed(k)
    later(Math.max(SETTLE_MS, (k.sentAt ?? 0) + REFRESH_MS - Date.now()))
  }
  return null
}

/** sends what changed, one send at a time */
const send = async (): Promise<Problem | null> => {
  while (sending) await sending
  let err: Problem | null = null
  sending = sendOnce().then((e) => { err = e }, () => { err = { code: 'feed-unreachable' } })
  await sending
  sending = null
  return err
}

/** Reads what this device keeps of its feed and, if it publishes one, follows the rooms again. */
export const startFeed = () => (started ??= (async () => {
  const m = await io()
  kept = kept ?? (await m.readFeed<CalendarEvent>())
  if (!kept) return
  setLinks(m.feedLinks(kept.ref))
  unfollow ??= followRoomViews(follow)
  later()
})())

/** Publishes a new feed of the events this person is going to, from every room this device holds. */
export const publishFeed = async (): Promise<Problem | null> => {
  await startFeed()
  if (kept) return null
  const m = await io()
  const ref = m.newFeed(relay())
  if ('code' in ref) return ref
  // every room, so the first feed is whole: a room opens (and stays open) as it does when entered
  for (const r of rooms()) {
    const s = await openKnown(r.id).catch(() => null)
    await s?.room.ledger.ready
  }
  kept = { ref, rooms: {}, sent: '' }
  unfollow?.()
  unfollow = followRoomViews(follow)
  clearTimeout(timer)
  const err = await send()
  if (err) {
    unfollow()
    unfollow = null
    kept = null
    return err
  }
  setLinks(m.feedLinks(ref))
  return null
}

/** Revokes the feed at the relay and forgets it here, token and all. */
export const stopFeed = async (): Promise<Problem | null> => {
  await startFeed()
  const k = kept
  if (!k) return null
  const m = await io()
  const err = await m.revokeFeed(k.ref)
  if (err) return err
  kept = null
  clearTimeout(timer)
  unfollow?.()
  unfollow = null
  await m.keepFeed(null)
  setLinks(null)
  setProblem(null)
  return null
}
