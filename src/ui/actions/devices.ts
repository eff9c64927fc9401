import * as sync from '../../sync/index.ts'
import { chooseName, me, name, openKnown, openSessions, refreshRooms, relay, session } from '../bridge/index.ts'
import type { Problem } from '../i18n/index.ts'

/** Part of the bridge: a person's devices (link, list, revoke). The model loads with the first room, as in bridge.ts. */
const model = () => import('../../model/index.ts')

/** This device's person: its first device's key. */
export const you = (): string | undefined => session()?.room.person() ?? sync.personState()?.person ?? me()?.id

/** From a device that belongs: a one-time link code, answered through the relay. */
export const offerLink = async (): Promise<sync.Offering | Problem> => {
  const identity = me()
  const person = you()
  const url = relay()
  if (!identity || !person) return { code: 'starting-up' }
  if (!url) return { code: 'link-needs-relay' }
  return sync.offerLink(url, identity, person, await offered(identity, person))
}

/** From a device that belongs, at a gathering: a link code inside an in-person pairing offer, answered over the direct channel. */
export const offerLinkHere = async (): Promise<sync.OfferingHere | Problem> => {
  const identity = me()
  const person = you()
  if (!identity || !person) return { code: 'starting-up' }
  return sync.offerLinkHere(person, { ...(await offered(identity, person)), carried })
}

/** The rooms an in-person link carries over its connection: those open here, or else the one opened last. */
const carried = async () => {
  const open = openSessions()
  const last = sync.knownRooms()[0]
  const rooms = open.length ? open : last ? [await openKnown(last.id)] : []
  return rooms.flatMap((s) => (s ? [{ id: s.ref.id, attach: (c: RTCDataChannel) => s.attach(c) }] : []))
}

/** What the device that belongs gives: a certificate for the new device (written into the open rooms), its rooms, its name. */
const offered = async (identity: NonNullable<ReturnType<typeof me>>, person: string) => {
  const { commands } = await model()
  return {
    async certify(d: string, ds: string) {
      const cert = await commands.certificate(identity, person, d, ds)
      sync.addCertificates(person, [cert])
      for (const s of openSessions()) commands.writeCertificates(s.room, [cert])
      return sync.personState()!.certs
    },
    rooms: () => sync.knownRooms().map(({ id, secret, name }) => ({ id, secret, name })),
    name,
  }
}

/** On the new device: claims a link code, and takes on the person, their rooms and name. */
export const useLinkCode = async (text: string): Promise<Problem | null> => {
  const identity = me()
  const url = relay()
  if (!identity) return { code: 'starting-up' }
  if (!url) return { code: 'link-needs-relay' }
  const code = sync.readLinkCode(text)
  if (!code) return { code: 'link-code-damaged' }
  return takeWelcome(await sync.claimLink(url, identity, code, 60_000))
}

/**
 * On the new device, at a gathering: takes the in-person code the other device shows, and gives the answer to show
 * back; `done` says how the exchange ended.
 */
export const linkHere = async (text: string): Promise<{ answer: string; bytes: number; done: Promise<Problem | null> } | Problem> => {
  const identity = me()
  if (!identity) return { code: 'starting-up' }
  let taken: Promise<Problem | null> = Promise.resolve({ code: 'link-code-failed' })
  // a room the other device carries over opens here once its welcome is taken (the room is then known here)
  const open = async (id: string) => {
    const s = (await taken) ? null : await openKnown(id)
    return s && { id, attach: (c: RTCDataChannel) => s.attach(c) }
  }
  const r = await sync.claimLinkHere(identity, text, open, 120_000)
  if (!r.ok) return r.error
  taken = r.welcome.then(takeWelcome)
  return { answer: sync.pairingLink(r.bytes, location.href), bytes: r.bytes.length, done: taken }
}

/** The new device takes on the person, their rooms and name. */
const takeWelcome = (welcome: sync.Welcome | null): Problem | null => {
  const identity = me()
  if (!identity || !welcome || !welcome.certs.some((c) => c.op === 'add' && c.d === identity.id)) return { code: 'link-code-failed' }
  sync.setPersonState({ person: welcome.p, certs: welcome.certs })
  for (const r of welcome.rooms) {
    const parsed = sync.parseRoomLink(sync.roomHash(r))
    if (parsed.ok) sync.rememberRoom(parsed.ref, r.name)
  }
  if (welcome.name) chooseName(welcome.name)
  refreshRooms()
  return null
}

export interface DeviceRow { device: string; fingerprint: string; revoked: boolean; thisOne: boolean; kit: boolean }

/** The person's devices as the open room (or any open one) knows them. */
export const myDevices = (): DeviceRow[] | null => {
  const room = session()?.room ?? openSessions()[0]?.room
  const identity = me()
  if (!room || !identity) return null
  return room.devicesOf(room.person()).map((d) => ({
    device: d.device, fingerprint: d.device.slice(0, 6), revoked: d.revoked, thisOne: d.device === identity.id, kit: !!d.kit,
  }))
}

/** Revokes another device of this person in every room this device has. */
export const revokeDevice = async (device: string): Promise<Problem | null> => {
  const { commands } = await model()
  let first: Problem | null = null
  for (const r of sync.knownRooms()) {
    const s = await openKnown(r.id)
    if (!s) continue
    await s.room.ledger.ready
    if (!s.room.devicesOf(s.room.person()).some((d) => d.device === device && !d.revoked)) continue
    const done = await commands.revokeDevice(s.room, device)
    if (!done.ok) first ??= done.error
  }
  return first
}
