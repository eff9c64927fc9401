import { resolve } from 'node:path'
import { numbersFromEnv } from '../../env.ts'
import { openEmbeddedFeeds } from './embedded.ts'
import { openRedisFeeds } from './redis.ts'
import { createFeeds } from './service.ts'
import { DEFAULT_FEED_LIMITS, FEED_ENV } from './store.ts'

/** Calendar feeds beside the relay's store (Redis when REDIS_URL is set, else `feeds` in HEARTH_DATA), with FEED_* limits. FEED=off leaves them out. */
export const openFeeds = async (env: NodeJS.ProcessEnv) => {
  if (env.FEED === 'off') return null
  const limits = numbersFromEnv(DEFAULT_FEED_LIMITS, FEED_ENV, env)
  const store = env.REDIS_URL
    ? await openRedisFeeds(env.REDIS_URL, env.REDIS_PREFIX || 'hearth:')
    : await openEmbeddedFeeds(resolve(env.HEARTH_DATA || 'data'))
  return createFeeds(store, limits)
}
