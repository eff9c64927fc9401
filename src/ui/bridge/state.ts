import { createSignal } from 'solid-js'
import type { Identity } from '../../identity/index.ts'
import type { InvitationView, RoomAbout } from '../../model/index.ts'
import * as sync from '../../sync/index.ts'
import type { RoomStatus, Session } from '../../sync/index.ts'
import type { Problem } from '../i18n/index.ts'

/** What the screens read: Solid signals of this device, its rooms and the room in front of the person. */
export const [me, setMe] = createSignal<Identity | null>(null)
export const [startError, setStartError] = createSignal<Problem | null>(null)
export const [name, setNameSignal] = createSignal(sync.deviceName())
export const [rooms, setRooms] = createSignal(sync.knownRooms())
export const [session, setSession] = createSignal<Session | null>(null)
export const [status, setStatus] = createSignal<RoomStatus | null>(null)
// a plain signal of immutable views: a deep store would walk all 10,000 of them on every change
export const [feed, setFeed] = createSignal<InvitationView[]>([])
export const [members, setMembers] = createSignal<{ id: string; name: string }[]>([])
export const [signaling, setSignalingSignal] = createSignal(sync.signalingServers())
export const [persisted, setPersisted] = createSignal<boolean | null>(null)
export const [relay, setRelaySignal] = createSignal(sync.relayServer())
// the open room's name and description as its members gave them, with who did
export const [about, setAbout] = createSignal<RoomAbout | null>(null)

// the model (and Yjs with it) loads with the first room opened, not with the home screen; every use is of an open room
export type Model = typeof import('../../model/index.ts')
export let model: Model | undefined
export const loadModel = async () => (model ??= await import('../../model/index.ts'))

/** Rooms stay open in the background once entered, so their counts on the home screen stay live. */
export const open = new Map<string, { s: Session; feed: ReturnType<Model['createFeed']> }>()

export const knownRoom = (id: string) => sync.knownRooms().find((r) => r.id === id)
export const refreshRooms = () => setRooms(sync.knownRooms())
