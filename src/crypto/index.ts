export { roomKeys, topicOf, signWrite, verifyWrite, type RoomKeys } from './keys.ts'
export { roomIdFor } from './ids.ts'
export { seal, open, type SealKind } from './seal.ts'
