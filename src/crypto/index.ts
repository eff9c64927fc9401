export { toBase64url, fromBase64url, utf8 } from './encoding.ts'
export { roomKeys, topicOf, signWrite, verifyWrite, type RoomKeys } from './keys.ts'
export { roomIdFor } from './ids.ts'
export { seal, open, type SealKind } from './seal.ts'
