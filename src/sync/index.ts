export { newRoomRef, pairingLink, linkHereLink, parseRoomLink, roomHash, roomLink, type RoomRef } from './link.ts'
// a room's id comes from its secret by hashing: the home screen loads link.ts (and the hashing) when a room is made
// or a link read, so vite.config.ts marks it free of side effects and the line above costs the home screen nothing
export const links = () => import('./link.ts')
export type { RoomStatus } from './status.ts'
export * from './device.ts'
export { SyncFailure, relayCode, type SyncError } from './errors.ts'

// the home screen needs only this device's rooms (device.ts): a room's code (Yjs, the guard, the relay, peers)
// loads when the first room opens, or when the page is idle (preloadRooms)
type Sessions = typeof import('./session.ts')
type Peers = typeof import('./peers/index.ts')
export type { Session } from './session.ts'
export type { PushState } from './push/index.ts'
const sessions = (): Promise<Sessions> => import('./session.ts')
const peers = (): Promise<Peers> => import('./peers/index.ts')
export const preloadRooms = () => sessions().then(() => {})
/**
 * a room link was read: its relay's socket connects (and its code loads) while the room's page and store open; a room
 * new to this device (its secret given) is asked for from the start meanwhile
 */
export const warmRelay = (url: string | null, newcomer?: string) => { if (url) void import('./relay/index.ts').then((r) => r.warmRelay(url, newcomer)).catch(() => {}) }
export const openSession: Sessions['openSession'] = async (ref, me, opts) => (await sessions()).openSession(ref, me, opts)
export const closeSession: Sessions['closeSession'] = async (roomId) => (await sessions()).closeSession(roomId)
export const deleteRoomData = async (roomId: string) => (await import('./persist.ts')).deleteRoomData(roomId)
export const makeOffer: Peers['makeOffer'] = async (room) => (await peers()).makeOffer(room)
export const answerOffer: Peers['answerOffer'] = async (text) => (await peers()).answerOffer(text)
export const decodePayload: Peers['decodePayload'] = async (text) => (await peers()).decodePayload(text)
export { personState, setPersonState, addCertificates, type PersonState } from './person.ts'
export { readLinkCode, linkCodeLink, isLinkCode, isLinkHereCode, LINK_MS } from './link-code.ts'
export type { Offering, Welcome } from './link-device.ts'
// linking a device talks to the relay: its code loads when someone links one
type LinkDevice = typeof import('./link-device.ts')
export const offerLink = async (...a: Parameters<LinkDevice['offerLink']>) => (await import('./link-device.ts')).offerLink(...a)
export const claimLink: LinkDevice['claimLink'] = async (...a) => (await import('./link-device.ts')).claimLink(...a)
// linking at a gathering, over a direct channel (and WebRTC with it): loads when someone links a device in person
type LinkHere = typeof import('./link-in-person.ts')
export type { OfferingHere, ClaimingHere } from './link-in-person.ts'
export const offerLinkHere: LinkHere['offerLinkHere'] = async (...a) => (await import('./link-in-person.ts')).offerLinkHere(...a)
export const claimLinkHere: LinkHere['claimLinkHere'] = async (...a) => (await import('./link-in-person.ts')).claimLinkHere(...a)
export const followMoves = async (...a: Parameters<typeof import('./rekey/index.ts').followMoves>) => (await import('./rekey/index.ts')).followMoves(...a)
export type { ReadKit } from './kit.ts'
// a recovery kit's code (and its Ed25519) loads when someone makes or reads a kit
export const kit = () => import('./kit.ts')
export type { FeedRef, KeptFeed } from './feed/index.ts'
// the calendar feed's I/O loads when Settings shows it, or at start when this device publishes one
export const calendarFeed = () => import('./feed/index.ts')
