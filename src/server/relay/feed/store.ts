/**
 * A feed at rest, under a hash of its id (rest.ts): the hash of its write token and the .ics as the device last sent
 * it, sealed with a key from the id. The relay reads it only while answering someone with the link: a person publishes
 * it knowing so. A revoked feed stays as its token's hash alone, so nobody who knew the link can publish there after
 * its owner stopped.
 */
export interface Feed {
  hash: string; body: string; at: number; revoked: boolean
  /** when it was last written or read (a revoked one: when it was revoked); kept before this existed: `at` */
  seen?: number
}

export type PutResult = 'created' | 'replaced' | 'taken' | 'revoked' | 'full'

export interface FeedTotals { feeds: number; bytes: number; revoked: number }

export interface FeedStore {
  get(id: string): Promise<Feed | null>
  /**
   * Creates the feed (past `totals` it is 'full'), or replaces its body when `hash` is the one kept (never refused
   * for the totals: its owner's changes only meet the size cap per feed); another hash is 'taken', a revoked feed
   * 'revoked'. One at a time per feed, across instances.
   */
  put(id: string, hash: string, body: string, at: number, totals: FeedTotals): Promise<PutResult>
  /** someone read it at `at`: it stays as long as a written one */
  touch(id: string, at: number): Promise<void>
  /** keeps the hash alone, from `at`; 'taken' for another hash */
  revoke(id: string, hash: string, at: number): Promise<'revoked' | 'taken' | 'missing'>
  /** drops up to `max` feeds last seen before `liveBefore` and revoked ones from before `revokedBefore`; how many went */
  expire(liveBefore: number, revokedBefore: number, max: number): Promise<number>
  close(): Promise<void>
}

export interface FeedLimits {
  /** bytes in one feed's .ics */
  maxBody: number
  /** feeds, their bytes and the revoked ones kept, all together in the store */
  feedsTotal: number
  bytesTotal: number
  revokedTotal: number
  /** feeds one address (an IPv6 /64), and one site (an IPv6 /48), may create per day, in this process */
  feedsPerAddressPerDay: number
  feedsPerSitePerDay: number
  /** a feed nobody wrote or read for this many days goes; a revoked one's hash is kept this many days */
  expireDays: number
  revokedDays: number
  /** PUTs and DELETEs, and GETs, per minute per address, in this process */
  writesPerMinute: number
  readsPerMinute: number
}

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxBody: 256 * 1024,
  feedsTotal: 50_000,
  bytesTotal: 1024 * 1024 * 1024,
  revokedTotal: 500_000,
  feedsPerAddressPerDay: 10,
  feedsPerSitePerDay: 40,
  // the device republishes at least weekly while the app is open, and calendar apps read daily
  expireDays: 60,
  revokedDays: 60,
  writesPerMinute: 30,
  // calendar services fetch many people's feeds from a few addresses
  readsPerMinute: 600,
}

export const FEED_ENV: Record<keyof FeedLimits, string> = {
  maxBody: 'FEED_MAX_BODY',
  feedsTotal: 'FEED_TOTAL',
  bytesTotal: 'FEED_BYTES_TOTAL',
  revokedTotal: 'FEED_REVOKED_TOTAL',
  feedsPerAddressPerDay: 'FEED_PER_ADDRESS_PER_DAY',
  feedsPerSitePerDay: 'FEED_PER_SITE_PER_DAY',
  expireDays: 'FEED_EXPIRE_DAYS',
  revokedDays: 'FEED_REVOKED_DAYS',
  writesPerMinute: 'FEED_WRITES_PER_MINUTE',
  readsPerMinute: 'FEED_READS_PER_MINUTE',
}

export const byteSize = (text: string) => Buffer.byteLength(text, 'utf8')
