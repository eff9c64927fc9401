export { linkDoc, type DirectLink } from './direct.ts'
export type { Webrtc } from './webrtc.ts'
export { readSyncMessage, writeSyncStep1 } from './guarded-sync.ts'

// y-webrtc with simple-peer is a third of the app's JS: it loads only once a room goes online
export const loadWebrtc = () => import('./webrtc.ts')

// pairing in person (and ipaddr.js with it) loads when a phone pairs, not with the first screen
type Pairing = typeof import('./pairing/index.ts')
const pairing = (): Promise<Pairing> => import('./pairing/index.ts')
export const makeOffer: Pairing['makeOffer'] = async (room) => (await pairing()).makeOffer(room)
export const answerOffer: Pairing['answerOffer'] = async (text) => (await pairing()).answerOffer(text)
export const decodePayload = async (text: string) => (await pairing()).decodePayload(text)
export const makeLinkOffer: Pairing['makeLinkOffer'] = async (code) => (await pairing()).makeLinkOffer(code)
export const answerLinkOffer: Pairing['answerLinkOffer'] = async (text) => (await pairing()).answerLinkOffer(text)
export const roomChannel = async (...a: Parameters<Pairing['roomChannel']>) => (await pairing()).roomChannel(...a)
export const takeRoomChannels = async (...a: Parameters<Pairing['takeRoomChannels']>) => (await pairing()).takeRoomChannels(...a)
export { chunkedChannel, DEFLATED, framesOf } from './chunked.ts'
