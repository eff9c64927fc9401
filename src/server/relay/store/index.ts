/** Where the relay keeps rooms' sealed bytes: one interface, an embedded LevelDB backend and a Redis one. */
export { DEFAULT_STORE_LIMITS, KEPT_SNAPSHOTS, RelayError, storeCeiling, type Entry, type RelayStore, type StoreLimits } from './store.ts'
export { openEmbedded } from './embedded.ts'
export { openRedis } from './redis.ts'
export { groupCommit } from './commit.ts'
