import { createSignal } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import { hasCrypto, indexedDbKeyStore, loadIdentity, type Identity } from '../identity/index.ts'
import { commands, type Content, type InvitationView, type Kind, type Reply, type Result } from '../model/index.ts'
import * as sync from '../sync/index.ts'
import type { RoomStatus, Session } from '../sync/index.ts'

/** The one place the UI meets the model and sync: Solid signals and stores out, actions in. */
const [me, setMe] = createSignal<Identity | null>(null)
const [startError, setStartError] = createSignal<string | null>(null)
const [name, setNameSignal] = createSignal(sync.deviceName())
const [rooms, setRooms] = createSignal(sync.knownRooms())
const [session, setSession] = createSignal<Session | null>(null)
const [status, setStatus] = createSignal<RoomStatus | null>(null)
const [feed, setFeed] = createStore<{ list: InvitationView[] }>({ list: [] })
const [members, setMembers] = createSignal<{ id: string; name: string }[]>([])
const [signaling, setSignalingSignal] = createSignal(sync.signalingServers())

export { me, name, rooms, session, status, feed, members, startError, signaling }

export const start = async () => {
  if (!hasCrypto()) {
    setStartError('Hearth needs a secure connection (https, or localhost) to sign what you write. Open it over https.')
    return
  }
  try {
    setMe(await loadIdentity(indexedDbKeyStore()))
  } catch (err) {
    setStartError(`This browser could not make or load your key: ${String(err)}`)
  }
}

let unsubscribe: (() => void)[] = []
let frame = 0

const refresh = () => {
  const s = session()
  if (!s || frame) return
  frame = requestAnimationFrame(() => {
    frame = 0
    setFeed('list', reconcile(s.room.invitations(), { key: 'id', merge: false }))
    setMembers(s.room.members())
  })
}

export const enterRoom = async (roomId: string): Promise<string | null> => {
  const known = sync.knownRooms().find((r) => r.id === roomId)
  if (!known) return 'This room is not on this device. Open it with its link.'
  const identity = me()
  if (!identity) return 'Still starting up.'
  if (session()?.ref.id === roomId) return null
  await leaveSession()
  const s = await sync.openSession(known, identity, { signaling: signaling(), name: name() })
  sync.rememberRoom(known)
  setRooms(sync.knownRooms())
  setSession(s)
  setStatus(s.status.get())
  unsubscribe = [s.room.onChange(refresh), s.status.subscribe(setStatus)]
  await s.room.ledger.ready
  refresh()
  return null
}

const leaveSession = async () => {
  unsubscribe.forEach((u) => u())
  unsubscribe = []
  const s = session()
  setSession(null)
  setFeed('list', [])
  if (s) await sync.closeSession(s.ref.id)
}

export const chooseName = (value: string): string | null => {
  const trimmed = value.trim()
  if (!trimmed) return 'Please choose a name.'
  if (trimmed.length > 80) return 'A name is at most 80 characters.'
  sync.setDeviceName(trimmed)
  setNameSignal(trimmed)
  const s = session()
  if (s) void commands.setName(s.room, trimmed)
  return null
}

/** Changes where this device looks for peers; an open room reconnects with the new list. */
export const setSignaling = async (urls: string[]): Promise<string | null> => {
  for (const url of urls) {
    const err = sync.checkSignalingUrl(url)
    if (err) return err
  }
  const unique = [...new Set(urls.map((u) => u.trim()))]
  sync.setSignalingServers(unique)
  setSignalingSignal(unique)
  const s = session()
  if (s) {
    await leaveSession()
    await enterRoom(s.ref.id)
  }
  return null
}

export const createRoom = (roomName: string) => {
  const ref = sync.newRoomRef(roomName.trim() || 'Our room')
  sync.rememberRoom(ref, ref.name)
  setRooms(sync.knownRooms())
  return ref.id
}

export const joinLink = (text: string): { ok: true; id: string } | { ok: false; error: string } => {
  const parsed = sync.parseRoomLink(text)
  if (!parsed.ok) return parsed
  sync.rememberRoom(parsed.ref)
  setRooms(sync.knownRooms())
  return { ok: true, id: parsed.ref.id }
}

export const leaveRoom = async (roomId: string) => {
  if (session()?.ref.id === roomId) await leaveSession()
  else await sync.closeSession(roomId)
  await sync.deleteRoomData(roomId)
  sync.forgetRoom(roomId)
  setRooms(sync.knownRooms())
}

export const shareLink = () => {
  const s = session()
  const known = s && sync.knownRooms().find((r) => r.id === s.ref.id)
  return known ? sync.roomLink(known, location.href) : ''
}

const withRoom = async (act: (s: Session) => Promise<Result>): Promise<Result> => {
  const s = session()
  if (!s) return { ok: false, error: 'No room is open.' }
  const r = await act(s)
  refresh()
  return r
}

export const actions = {
  invite: (kind: Kind, content: Content) => withRoom((s) => commands.invite(s.room, kind, content)),
  edit: (id: string, content: Content) => withRoom((s) => commands.edit(s.room, id, content)),
  respond: (id: string, reply: Reply) => withRoom((s) => commands.respond(s.room, id, reply)),
  cancel: (id: string) => withRoom((s) => commands.cancel(s.room, id)),
  inviteCohost: (id: string, m: string) => withRoom((s) => commands.inviteCohost(s.room, id, m)),
  acceptCohost: (id: string) => withRoom((s) => commands.acceptCohost(s.room, id)),
  declineCohost: (id: string) => withRoom((s) => commands.declineCohost(s.room, id)),
  stepDown: (id: string, to?: string) => withRoom((s) => commands.stepDown(s.room, id, to)),
  makeYourselfAtHome: (id: string) => withRoom((s) => commands.makeYourselfAtHome(s.room, id)),
  close: (id: string, outcome: string, review?: number) => withRoom((s) => commands.close(s.room, id, outcome, review)),
}

export const nameOf = (member: string) => session()?.room.nameOf(member) ?? member.slice(0, 6)

// a handle for tests and the bench, which seed rooms far larger than anyone would type
;(globalThis as { __hearth?: unknown }).__hearth = { session, commands }
