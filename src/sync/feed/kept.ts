import { openAtRest, sealAtRest } from '../../crypto/index.ts'
import { FEED_KEY as KEY } from '../device.ts'
import type { FeedRef } from './feed.ts'

/**
 * What this device keeps about its feed, sealed at rest like room secrets: where it is, its token, each room's events
 * the person is going to (as last seen, so a room not opened this visit still counts) and what was last sent.
 */
export interface KeptFeed<E> {
  ref: FeedRef; rooms: Record<string, E[]>; sent: string
  /** when it was last sent: the relay drops a feed nobody wrote or read for weeks, so it is sent again weekly */
  sentAt?: number
}

export const readFeed = async <E>(): Promise<KeptFeed<E> | null> => {
  const sealed = localStorage.getItem(KEY)
  if (!sealed) return null
  try {
    const text = await openAtRest(sealed)
    return text ? (JSON.parse(text) as KeptFeed<E>) : null
  } catch {
    return null
  }
}

export const keepFeed = async <E>(kept: KeptFeed<E> | null) => {
  if (!kept) localStorage.removeItem(KEY)
  else localStorage.setItem(KEY, await sealAtRest(JSON.stringify(kept)))
}
