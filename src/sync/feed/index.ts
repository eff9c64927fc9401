/** A person's calendar feed at the relay: making it, writing it, revoking it, and what this device keeps of it. */
export { feedLinks, newFeed, publishFeed, revokeFeed, type FeedRef } from './feed.ts'
export { keepFeed, readFeed, type KeptFeed } from './kept.ts'
