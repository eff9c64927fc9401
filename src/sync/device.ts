import { openAtRest, sealAtRest } from '../crypto/index.ts'
import type { News } from '../model/index.ts'
import type { RoomRef } from './link.ts'
import type { SyncError } from './errors.ts'

/** What this device remembers, in localStorage: its rooms, its name, its signaling servers. */
export interface KnownRoom extends RoomRef {
  name: string
  lastOpened: number
  /** when this person last had the room in front of them, for "new since" */
  lastSeen?: number
  needsAnswer?: number
  unread?: number
  /** the room moved to this one after a removal (rekey/) */
  movedTo?: string
  /** the room moved, and sealed no key for this device: it is closed to it */
  closedToMe?: boolean
  /** what changed since `lastSeen`, as last counted on this device (see the model's roomNews) */
  news?: News
  /** invitation id → when this person last had it open, for its own "new" marks */
  seen?: Record<string, number>
}

// the invitations a room remembers having been looked at: the most recent ones; older looks fall back to the room's
const SEEN_KEPT = 500

const ROOMS = 'hearth-rooms'
const NAME = 'hearth-name'
const SIGNALING = 'hearth-signaling'
const RELAY = 'hearth-relay'

const readJson = <T>(key: string, fallback: T): T => {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null')
    return v ?? fallback
  } catch {
    return fallback
  }
}

/** A room as kept in localStorage: its secret sealed by this browser's vault (`sealed`), never in plain text. */
type Stored = Omit<KnownRoom, 'secret'> & { secret?: string; sealed?: string }

// room secrets, opened from the vault at start, and their sealed form
const secrets = new Map<string, { secret: string; sealed?: string }>()

const readStored = (): Stored[] => readJson<Stored[]>(ROOMS, []).filter((r) => r && typeof r.id === 'string')

/**
 * Never drops what it doesn't hold in memory (another tab's room, one this start could not open), and keeps a
 * new secret in plain text only until the vault has sealed it, so a tab closed at once still keeps the room.
 */
const writeStored = (rooms: Stored[]) => {
  const out = rooms.map(({ secret: plain, sealed: old, ...r }) => {
    const s = secrets.get(r.id)
    if (s?.sealed) return { ...r, sealed: s.sealed }
    if (s?.secret) return { ...r, secret: s.secret }
    return { ...r, ...(old ? { sealed: old } : {}), ...(plain ? { secret: plain } : {}) }
  })
  localStorage.setItem(ROOMS, JSON.stringify(out))
}

let sealing = Promise.resolve()

/** Seals secrets that are only in memory, then writes the rooms again; a browser without a vault keeps them as they were. */
const sealPending = () => {
  sealing = sealing.then(async () => {
    const pending = [...secrets].filter(([, s]) => !s.sealed)
    if (!pending.length) return
    try {
      for (const [, s] of pending) s.sealed = await sealAtRest(s.secret)
    } catch {
      return // no vault in this browser: the secrets stay as they were rather than be lost
    }
    writeStored(readStored())
  })
  return sealing
}

/** Opens the sealed room secrets (and seals any left in plain text by an older version). Call once at start. */
export const unlockRooms = async () => {
  for (const r of readStored()) {
    if (secrets.has(r.id)) continue
    if (r.sealed) {
      const secret = await openAtRest(r.sealed)
      if (secret) secrets.set(r.id, { secret, sealed: r.sealed })
    } else if (r.secret) secrets.set(r.id, { secret: r.secret })
  }
  await sealPending()
}

export const knownRooms = (): KnownRoom[] =>
  readStored()
    .map((r) => ({ ...r, secret: secrets.get(r.id)?.secret ?? r.secret ?? '' }) as KnownRoom)
    .filter((r) => r.secret)
    .sort((a, b) => b.lastOpened - a.lastOpened)

export const rememberRoom = (ref: RoomRef, name?: string): KnownRoom => {
  const rooms = readStored()
  const old = rooms.find((r) => r.id === ref.id)
  if (secrets.get(ref.id)?.secret !== ref.secret) secrets.set(ref.id, { secret: ref.secret })
  const room: KnownRoom = { ...ref, name: name ?? old?.name ?? ref.name ?? 'Unnamed room', lastOpened: Date.now() }
  writeStored([room, ...rooms.filter((r) => r.id !== ref.id)])
  void sealPending()
  return room
}

/** Remembers that this person has just looked at an invitation: its "new" marks clear. */
export const markSeen = (roomId: string, invitationId: string, at = Date.now()) => {
  const rooms = readStored()
  const room = rooms.find((r) => r.id === roomId)
  if (!room) return
  const seen = Object.entries({ ...(room.seen ?? {}), [invitationId]: at }).filter(([, t]) => typeof t === 'number')
  room.seen = Object.fromEntries(seen.sort((a, b) => b[1] - a[1]).slice(0, SEEN_KEPT))
  writeStored(rooms)
}

export const updateRoom = (id: string, patch: Partial<Pick<KnownRoom, 'lastSeen' | 'needsAnswer' | 'unread' | 'name' | 'news' | 'movedTo' | 'closedToMe'>>) => {
  const rooms = readStored()
  const room = rooms.find((r) => r.id === id)
  if (!room) return
  Object.assign(room, patch)
  writeStored(rooms)
}

export const forgetRoom = (id: string) => {
  writeStored(readStored().filter((r) => r.id !== id))
  secrets.delete(id)
}

export const deviceName = (): string => readJson<string>(NAME, '')
export const setDeviceName = (name: string) => localStorage.setItem(NAME, JSON.stringify(name))

/** The default is the signaling endpoint of the server that served this page. */
export const defaultSignaling = (): string[] =>
  typeof location !== 'undefined' && /^https?:$/.test(location.protocol)
    ? [`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`]
    : []

export const signalingServers = (): string[] => readJson<string[] | null>(SIGNALING, null) ?? defaultSignaling()

/** A websocket address, or what is wrong with it in `kind`'s words. */
const checkSocketUrl = (url: string, kind: 'signaling' | 'relay'): SyncError | null => {
  try {
    const u = new URL(url.trim())
    return u.protocol === 'ws:' || u.protocol === 'wss:' ? null : { code: `${kind}-scheme` }
  } catch {
    return { code: `not-${kind}-url` }
  }
}

export const checkSignalingUrl = (url: string): SyncError | null => checkSocketUrl(url, 'signaling')

export const setSignalingServers = (urls: string[]) => localStorage.setItem(SIGNALING, JSON.stringify(urls))

/** Asks the browser to keep this device's rooms (Safari otherwise may evict them after 7 days unused). */
export const askToPersist = async (): Promise<boolean | null> => {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist())
  } catch {
    return null
  }
}

export const isPersisted = async (): Promise<boolean | null> => {
  try {
    return navigator.storage?.persisted ? await navigator.storage.persisted() : null
  } catch {
    return null
  }
}

/** The default relay is the one on the server that served this page (the same origin, like signaling). */
export const defaultRelay = (): string | null =>
  typeof location !== 'undefined' && /^https?:$/.test(location.protocol)
    ? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/relay`
    : null

/** null: no relay at all; this device syncs only with people it meets directly. */
export const relayServer = (): string | null => {
  const v = readJson<string | null | undefined>(RELAY, undefined as unknown as string)
  return v === undefined ? defaultRelay() : v || null
}

export const setRelayServer = (url: string | null) => localStorage.setItem(RELAY, JSON.stringify(url ?? ''))

export const checkRelayUrl = (url: string): SyncError | null => checkSocketUrl(url, 'relay')

/** where the calendar feed's state is kept (feed/kept.ts): its presence says this device publishes one */
export const FEED_KEY = 'hearth-feed'
export const hasFeed = () => localStorage.getItem(FEED_KEY) !== null
