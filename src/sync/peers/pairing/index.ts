export { makeOffer, makeLinkOffer, answerOffer, answerLinkOffer, roomChannel, takeRoomChannels, decodePayload, encodePayload } from './pair.ts'
export { compactSdp, expandSdp } from './sdp.ts'
export { usableCandidate } from './address.ts'
