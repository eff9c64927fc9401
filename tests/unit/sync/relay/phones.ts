import * as Y from 'yjs'
import { roomKeys } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { openEntry, openSnapshot, syncRelay } from '../../../../src/sync/relay/index.ts'
import { memory } from '../../fixtures/phone.ts'
import { connect, until } from '../../fixtures/relay.ts'
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

/** the titles in the relay's copy as a join reads it (its snapshot and the log after it, no kept history) */
export const relayCopy = async (relay: string, secret: string) => {
  const keys = roomKeys(secret)
  const c = await connect(relay)
  const s = await c.join(keys, 0) as Extract<wire.RelayMessage, { op: wire.Op.State }>
  c.close()
  const doc = new Y.Doc()
  const snap = s.snapshot && openSnapshot(keys, s.snapshot.data)
  if (snap) Y.applyUpdate(doc, snap.update)
  for (const u of s.updates) { const o = openEntry(keys, u.data); if (o) Y.applyUpdate(doc, o.update) }
  return tags(doc.getMap('records').values())
}

/** waits (at most `ms`) until the relay's own copy holds `n` records; a repair takes a random delay */
export const relayHolds = async (relay: string, secret: string, n: number, ms = 20_000) => {
  let have: string[] = []
  await until(() => have.length >= n, ms, async () => { have = await relayCopy(relay, secret) }).catch(() => {})
  return have
}
