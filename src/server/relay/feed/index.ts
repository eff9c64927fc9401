/** Calendar feeds: a person's plaintext .ics, published by their device, served by the relay. */
export { createFeeds, type Feeds } from './service.ts'
export { openEmbeddedFeeds } from './embedded.ts'
export { openRedisFeeds } from './redis.ts'
export { DEFAULT_FEED_LIMITS, FEED_ENV, type Feed, type FeedLimits, type FeedStore } from './store.ts'
export { openFeeds } from './open.ts'
