export { makeOffer, makeLinkOffer, answerOffer, answerLinkOffer, decodePayload, encodePayload } from './pair.ts'
export { compactSdp, expandSdp } from './sdp.ts'
export { usableCandidate } from './address.ts'
