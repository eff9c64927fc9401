export { syncRelay, type RelayStore, type RelaySync } from './relay.ts'
export { relaySocket, RelayRefusal } from './socket.ts'
export { openEntry, openSnapshot, sealCover, sealEntry } from './sealed.ts'
export { createOrder } from './order.ts'
