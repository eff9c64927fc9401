import WebSocket from 'ws'
import * as Y from 'yjs'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { syncRelay, type RelayStore } from '../../../../src/sync/relay/index.ts'
import { until } from '../../fixtures/relay.ts'

// Node 20 has no WebSocket of its own; `ws` speaks the same API
;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket

export const memory = (): RelayStore & { data: Map<string, unknown> } => {
  const data = new Map<string, unknown>()
  return { data, get: async (k) => structuredClone(data.get(k)), set: async (k, v) => { data.set(k, structuredClone(v)) } }
}

/** a phone on the relay at `relay` (one socket per phone: each is its own page) */
export const phone = (relay: string, secret: string, member: string, store = memory(), doc = new Y.Doc()) => {
  const sync = syncRelay(doc, roomKeys(secret), `${relay}?phone=${member}`, store, () => ({ member, name: member }), () => false, () => {})
  return { doc, store, sync, titles: () => [...doc.getMap('records').keys()].filter((k) => !k.startsWith('\u0000')).sort() }
}
export type Phone = ReturnType<typeof phone>

export const write = (doc: Y.Doc, key: string, value: unknown = { title: key }) => doc.getMap('records').set(key, value)

export const saved = (p: Phone, ms = 10_000) => until(() => p.sync.state().state === 'saved' && p.sync.state().pending === 0, ms)
