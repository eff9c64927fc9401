import type webpush from 'web-push'
import { pushText } from '../../../protocol/index.ts'
import type { PushLimits, Subscription, VapidKeys } from './store.ts'

export interface SendOptions {
  /** the VAPID subject: a mailto: or https: URL a push service may write to about this relay */
  subject: string
  /** also http: endpoints (a local push service in tests); otherwise https: only */
  insecure?: boolean
  /** a push is dropped by the push service if not delivered within this many seconds */
  ttl?: number
}

/** where a push may go: https (or http when allowed) and nothing else, so the relay can't be pointed at its own network's pages with a file: or data: URL */
// the browsers' push services: the relay sends to nothing else, so nobody can point it at another site or its own network
const PUSH_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'push.services.mozilla.com', 'web.push.apple.com', 'notify.windows.com']
const isPushHost = (host: string) => PUSH_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))

/** An endpoint the relay sends to: a browser push service's, over https (any host only with PUSH_INSECURE, for tests). */
export const endpointAllowed = (endpoint: string, insecure = false) => {
  try {
    const u = new URL(endpoint)
    if (endpoint.length > 1024 || u.username || u.password) return false
    return insecure ? u.protocol === 'https:' || u.protocol === 'http:' : u.protocol === 'https:' && !u.port && isPushHost(u.hostname)
  } catch {
    return false
  }
}

/**
 * Sends pushes to push services, a few at a time, with the relay's VAPID keys. The payload is the room's sealed bytes as
 * they came (pushText), encrypted again for the subscription (RFC 8291) by web-push: the push service sees neither.
 * An endpoint the push service says is gone (404, 410) is reported, so its subscription can be dropped.
 */
export const pushSender = (wp: typeof webpush, keys: VapidKeys, limits: PushLimits, options: SendOptions, gone: (topic: string, endpoint: string) => void,
  log: (what: string, e: unknown) => void) => {
  let active = 0
  const waiting: (() => Promise<void>)[] = []

  const one = async (topic: string, sub: Subscription, sealed: Uint8Array) => {
    const details = wp.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, pushText(topic, sealed), {
      vapidDetails: { subject: options.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: options.ttl ?? 24 * 3600,
      // a push service keeps only the latest push with one Topic per subscription: a room's pushes replace each other
      topic: topic.slice(0, 32),
      urgency: 'normal',
    })
    const res = await fetch(details.endpoint, {
      method: details.method, headers: details.headers as Record<string, string>, body: details.body ? new Uint8Array(details.body) : undefined,
      redirect: 'error', signal: AbortSignal.timeout(15_000),
    })
    await res.arrayBuffer().catch(() => {})
    if (res.status === 404 || res.status === 410) gone(topic, sub.endpoint)
    else if (res.status >= 400) log('a push service refused a push', `status ${res.status}`)
  }

  const next = () => {
    while (active < limits.sending && waiting.length) {
      const work = waiting.shift()!
      active++
      work().catch((e) => log('a push could not be sent', e)).finally(() => { active--; next() })
    }
  }

  return {
    /** false when this process already has too many pushes waiting */
    send(topic: string, subs: Subscription[], sealed: Uint8Array) {
      if (waiting.length + subs.length > limits.queued) return false
      for (const sub of subs) if (endpointAllowed(sub.endpoint, options.insecure)) waiting.push(() => one(topic, sub, sealed))
      next()
      return true
    },
    idle: () => active === 0 && waiting.length === 0,
  }
}
