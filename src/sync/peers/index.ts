export { linkDoc, type DirectLink } from './direct.ts'
export type { Webrtc } from './webrtc.ts'
export { makeOffer, answerOffer, pairingLink, decodePayload, encodePayload } from './pair.ts'
export { compactSdp, expandSdp } from './sdp.ts'
export { usableCandidate } from './address.ts'
export { readSyncMessage, writeSyncStep1 } from './guarded-sync.ts'

// y-webrtc with simple-peer is a third of the app's JS: it loads only once a room goes online
export const loadWebrtc = () => import('./webrtc.ts')
