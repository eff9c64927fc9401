/** Web Push through the blind relay: subscriptions, sealed pushes and reminders. */
export { createPush, type Asker, type Push } from './service.ts'
export { openEmbeddedPush } from './embedded.ts'
export { openRedisPush } from './redis.ts'
export { endpointAllowed } from './sender.ts'
export { DEFAULT_PUSH_LIMITS, PUSH_ENV, reminderKey, type PushLimits, type PushStore, type Reminder, type Subscription } from './store.ts'
export { openPush } from './open.ts'
export { pushOps } from './ops.ts'
