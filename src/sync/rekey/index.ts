// A room through a removal: this device's lockbox key, re-keying once a removal passes, and moving to the new room.
export { followMoves } from './follow.ts'
export { boxKeys } from './boxkey.ts'
