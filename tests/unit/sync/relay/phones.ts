import * as Y from 'yjs'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { syncRelay } from '../../../../src/sync/relay/index.ts'
import { memory } from '../../fixtures/phone.ts'
import { until } from '../../fixtures/relay.ts'
import { shaped, tags } from '../../fixtures/shaped.ts'

/** a phone on the relay at `relay`, which may be a hostile relay in front of the honest one (one socket per phone: each is its own page) */
export const phone = (relay: string, secret: string, member: string, store = memory(), doc = new Y.Doc()) => {
  const sync = syncRelay(doc, roomKeys(secret), `${relay}?phone=${member}`, store, () => ({ member, name: member }), () => false, () => {})
  return { doc, store, sync, titles: () => tags([...doc.getMap('records').entries()].filter(([k]) => !k.startsWith('\u0000')).map(([, v]) => v)) }
}
export type Phone = ReturnType<typeof phone>

/** a record that passes the guard's shape check, named `title` */
export const write = (doc: Y.Doc, title: string) => doc.getMap('records').set(...shaped(title))

export const saved = (p: Phone, ms = 10_000) => until(() => p.sync.state().state === 'saved' && p.sync.state().pending === 0, ms)
