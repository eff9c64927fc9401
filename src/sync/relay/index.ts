export { syncRelay, type RelayStore, type RelaySync } from './relay.ts'
export { relaySocket, RelayRefusal } from './socket.ts'
import { relaySocket } from './socket.ts'
import { roomKeys } from '../../crypto/index.ts'
/**
 * a room is about to open: its relay's socket connects (and its challenge comes) while the room's store opens; a
 * newcomer's (its secret given) joins from the start meanwhile
 */
export const warmRelay = (url: string, newcomer?: string) => relaySocket(url).warm(newcomer ? roomKeys(newcomer) : undefined)
export { openEntry, openSnapshot, sealCover, sealEntry } from './sealed.ts'
export { createOrder } from './order.ts'
