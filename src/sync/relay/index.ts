export { syncRelay, type RelayStore, type RelaySync } from './relay.ts'
export { relaySocket, RelayRefusal } from './socket.ts'
import { relaySocket } from './socket.ts'
/** a room is about to open: its relay's socket connects (and its challenge comes) while the room's store opens */
export const warmRelay = (url: string) => relaySocket(url).warm()
export { openEntry, openSnapshot, sealCover, sealEntry } from './sealed.ts'
export { createOrder } from './order.ts'
