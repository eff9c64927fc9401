import { resolve } from 'node:path'
import { numbersFromEnv } from '../../env.ts'
import { openEmbeddedPush } from './embedded.ts'
import { openRedisPush } from './redis.ts'
import { createPush } from './service.ts'
import { DEFAULT_PUSH_LIMITS, PUSH_ENV } from './store.ts'

/**
 * Push beside the relay's store (Redis when REDIS_URL is set, else `push` in HEARTH_DATA), with PUSH_* limits.
 * PUSH=off leaves it out. HEARTH_VAPID_SUBJECT is who push services may write to about this relay.
 */
export const openPush = async (env: NodeJS.ProcessEnv) => {
  if (env.PUSH === 'off') return null
  const limits = numbersFromEnv(DEFAULT_PUSH_LIMITS, PUSH_ENV, env)
  const totals = { subscriptions: limits.subscriptionsTotal, reminders: limits.remindersTotal }
  const store = env.REDIS_URL
    ? await openRedisPush(env.REDIS_URL, env.REDIS_PREFIX || 'hearth:', totals)
    : await openEmbeddedPush(resolve(env.HEARTH_DATA || 'data'), totals)
  return createPush(store, limits, { subject: env.HEARTH_VAPID_SUBJECT || 'mailto:relay@hearth.invalid', insecure: env.PUSH_INSECURE === '1' })
}
