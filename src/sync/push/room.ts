import { sealAtRest, toBase64url, type RoomKeys } from '../../crypto/index.ts'
import type { Identity } from '../../identity/index.ts'
import type { Room } from '../../model/index.ts'
import * as wire from '../../protocol/index.ts'
import type { RoomRef } from '../link.ts'
import { relaySocket, RelayRefusal } from '../relay/index.ts'
import type { SyncError } from '../errors.ts'
import { dropPushRoom, keepPushRoom, pushRoom, type PushRoom } from './kept.ts'
import { sealNote, type PushNote } from './note.ts'
import { peopleOf, samePeople } from './people.ts'

export type { PushNote }
/** what the app asks to push: the note's time is the relay's to keep (now, or a reminder's) */
type Note = Omit<PushNote, 'at'>

/** this device's secret for what it schedules room-wide (Schedule's owner): only it can replace or cancel those */
const OWNER = 'hearth-push-owner'
const ownerSecret = () => {
  let s = localStorage.getItem(OWNER)
  if (!s) localStorage.setItem(OWNER, (s = toBase64url(crypto.getRandomValues(new Uint8Array(24)))))
  return s
}

/** what turning notifications on came to: on with a push subscription, or on for this device only (no push service) */
export type PushState = 'off' | 'on' | 'local'

const fail = (e: unknown): SyncError =>
  e instanceof RelayRefusal ? { code: 'relay-refused', why: e.code } : { code: 'push-unavailable' }

const bytesOf = (b64: string) => {
  const s = atob(b64.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(s, (c) => c.charCodeAt(0))
}

/**
 * A room's notifications on this device: turning them on keeps the room for the service worker (sealed, kept.ts) and,
 * when the browser has a push service, subscribes at the relay. Pushes and reminders go through the relay sealed with
 * the room key (note.ts); the relay needs the room joined on the page's socket (its join proof).
 */
export const roomPush = (ref: RoomRef, keys: Promise<RoomKeys>, url: string | null, name: () => string, me: Identity, room: Room) => {
  const socket = () => (url ? relaySocket(url) : null)
  const ask = async (make: (topic: string, req: number) => wire.ClientMessage) => {
    const s = socket()
    if (!s) throw new Error('no relay')
    const { topic } = await keys
    return s.ask((req) => make(topic, req))
  }
  const kept = async () => pushRoom((await keys).topic).catch(() => undefined)
  const seal = async (note: PushNote) => sealNote(await keys, note, me)

  // changes to the kept record one at a time, so a mute and a new member don't overwrite each other
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const done = turn.then(work)
    turn = done.catch(() => {})
    return done
  }
  // the service worker knows who signs this room's notes as the app last saw the room
  const keepPeople = () => inTurn(async () => {
    const r = await kept()
    const now = peopleOf(room)
    if (r && !samePeople(r, now)) await keepPushRoom({ ...r, ...now })
  })
  let later: ReturnType<typeof setTimeout> | undefined
  room.onChange((c) => {
    if (c.members && !later) later = setTimeout(() => { later = undefined; keepPeople().catch(() => {}) }, 2000)
  })
  void room.ledger.ready.then(keepPeople).catch(() => {})

  const subscribe = async (): Promise<string | undefined> => {
    const reg = await navigator.serviceWorker?.getRegistration()
    if (!reg?.pushManager || !url) return undefined
    const answer = await ask((_, req) => ({ op: wire.Op.AskPushKey, req }))
    if (answer.op !== wire.Op.PushKey || !answer.key) return undefined
    const sub = (await reg.pushManager.getSubscription()) ?? await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytesOf(answer.key) })
    const json = sub.toJSON()
    await ask((topic, req) => ({ op: wire.Op.Subscribe, req, topic, endpoint: sub.endpoint, p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' }))
    return sub.endpoint
  }

  return {
    /** what this device keeps for the service worker about this room, when notifications are on */
    kept,
    state: async (): Promise<PushState> => {
      const r = await kept()
      return !r ? 'off' : r.endpoint ? 'on' : 'local'
    },
    /** on: the room is kept for the service worker first, so a push that comes is shown even if subscribing fails */
    async turnOn(carry?: Pick<PushRoom, 'mutedInvites' | 'mutedPeople'>): Promise<{ state: PushState; error?: SyncError }> {
      if (typeof Notification !== 'undefined' && (await Notification.requestPermission()) !== 'granted') return { state: 'off', error: { code: 'push-denied' } }
      const k = await keys
      const was = await kept()
      const r: PushRoom = {
        topic: k.topic, roomId: ref.id, name: name(), sealed: await sealAtRest(ref.secret), ...peopleOf(room),
        mutedInvites: carry?.mutedInvites ?? was?.mutedInvites ?? [], mutedPeople: carry?.mutedPeople ?? was?.mutedPeople ?? [],
      }
      await keepPushRoom(r)
      try {
        const endpoint = await subscribe()
        if (!endpoint) return { state: 'local', error: { code: 'push-unavailable' } }
        await keepPushRoom({ ...r, endpoint })
        return { state: 'on' }
      } catch (e) {
        return { state: 'local', error: fail(e) }
      }
    },
    async turnOff() {
      const r = await kept()
      if (!r) return
      await dropPushRoom(r.topic)
      if (r.endpoint) await ask((topic, req) => ({ op: wire.Op.Unsubscribe, req, topic, endpoint: r.endpoint! })).catch(() => {})
    },
    /** mutes (or unmutes) one invitation's pushes on this device: the service worker leaves them out */
    mute: (inv: string, muted: boolean) => inTurn(async () => {
      const r = await kept()
      if (!r) return
      const others = r.mutedInvites.filter((i) => i !== inv)
      await keepPushRoom({ ...r, mutedInvites: muted ? [...others, inv] : others })
    }),
    muted: async (inv: string) => !!(await kept())?.mutedInvites.includes(inv),
    /** mutes (or unmutes) one person's notes in this room on this device: the service worker leaves them out */
    mutePerson: (person: string, muted: boolean) => inTurn(async () => {
      const r = await kept()
      if (!r) return
      const others = (r.mutedPeople ?? []).filter((p) => p !== person)
      await keepPushRoom({ ...r, mutedPeople: muted ? [...others, person] : others })
    }),
    mutedPeople: async () => (await kept())?.mutedPeople ?? [],
    /** asks the relay to push a note to the room's other subscribers; quietly nothing without a relay */
    async notify(note: Note) {
      if (!url) return
      const skip = (await kept())?.endpoint ?? ''
      const data = await seal({ ...note, at: Date.now() })
      await ask((topic, req) => ({ op: wire.Op.Notify, req, topic, skip, data })).catch(() => {})
    },
    /** a reminder pushed to this device at `at`; nothing unless notifications are on with a push subscription here */
    async remind(id: string, at: number, note: Note) {
      const r = await kept()
      if (!r?.endpoint || at <= Date.now()) return
      const data = await seal({ ...note, at })
      await ask((topic, req) => ({ op: wire.Op.Remind, req, topic, id, endpoint: r.endpoint!, at, data })).catch(() => {})
    },
    /** a note pushed to every subscriber of the room at `at` (a proposal about to close); only this device can replace or cancel it */
    async schedule(id: string, at: number, note: Note) {
      if (!url || at <= Date.now()) return
      const data = await seal({ ...note, at })
      await ask((topic, req) => ({ op: wire.Op.Schedule, req, topic, id, owner: ownerSecret(), at, data }))
    },
    async unschedule(id: string) {
      if (!url) return
      await ask((topic, req) => ({ op: wire.Op.Cancel, req, topic, id, owner: ownerSecret() }))
    },
    async cancel(id: string) {
      const endpoint = (await kept())?.endpoint
      if (!endpoint) return
      await ask((topic, req) => ({ op: wire.Op.Cancel, req, topic, id, owner: endpoint })).catch(() => {})
    },
  }
}

export type RoomPush = ReturnType<typeof roomPush>
