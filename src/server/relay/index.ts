/** The blind relay: what the server starts and the store it keeps rooms' bytes in. */
export { createRelay } from './relay.ts'
export { openStore, type OpenedStore } from './open.ts'
export { publicOrigin } from './here.ts'
