export { syncRelay, type RelayStore, type RelaySync } from './relay.ts'
export { relaySocket } from './socket.ts'
