import * as Y from 'yjs'
import { LEFT_OUT, entryAt, sameValue, structIndex, valueOf } from './entries.ts'
import type { DeleteSet, Struct } from './update-io.ts'
import { validNow, type Budget } from './valid.ts'

/**
 * Which incoming items would replace a record already in place. In a room nothing is replaced: an entry is only ever
 * written again with the same record (a restore). So at a key whose live entry, in the document or in the update
 * itself, is a valid record, every incoming item with another value (or deleted content) is refused, except the
 * history that leads up to an incoming copy of that record. A value that is not validly signed protects nothing,
 * so a forged entry written first cannot hold a key against the real record. `contested` names keys where an
 * incoming record may still lose its place to what is there (Yjs orders concurrent entries by client id):
 * after applying, they are checked and the record written again if it lost.
 */
export const settleKeys = (structs: Struct[], keys: Map<Y.Item, string | null>, doc: Y.Doc | undefined, budget: Budget) => {
  const refused = new Set<Y.Item>()
  const contested: [string, unknown][] = []
  const byKey = new Map<string, Y.Item[]>()
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    const key = keys.get(s)
    if (!key || key === LEFT_OUT) continue
    // what the document already holds is skipped by Yjs
    if (doc && s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue
    const list = byKey.get(key)
    if (list) list.push(s)
    else byKey.set(key, [s])
  }
  const find = structIndex(structs)
  for (const [key, items] of byKey) {
    const inDoc = doc ? entryAt(doc, key) : undefined
    // one entry at a key nothing holds yet: nothing to settle, and its value need not be read (guard/decode.ts)
    if (!inDoc && items.length === 1) continue
    const held = valueOf(inDoc)
    const values: unknown[] = held === undefined ? [] : [held]
    for (const it of items) {
      const v = valueOf(it)
      if (v !== undefined && !values.some((w) => sameValue(w, v))) values.push(v)
    }
    if (!values.length) continue
    const here = new Set<Struct>(items)
    const parents = new Set<Struct>()
    for (const it of items) for (const dep of [it.origin, it.rightOrigin]) { const p = dep && find(dep); if (p) parents.add(p) }
    const tips = items.filter((it) => !parents.has(it))
    const settled = values.length === 1 && tips.every((t) => sameValue(valueOf(t), values[0]))
    if (!settled) {
      const record = values.find((v) => validNow(key, v, budget))
      if (record === undefined) continue
      const kept = new Set<Y.Item>()
      const stack = items.filter((it) => sameValue(valueOf(it), record))
      while (stack.length) {
        const it = stack.pop()!
        if (kept.has(it)) continue
        kept.add(it)
        for (const dep of [it.origin, it.rightOrigin]) { const p = dep && find(dep); if (p instanceof Y.Item && here.has(p)) stack.push(p) }
      }
      for (const it of items) if (!kept.has(it)) refused.add(it)
      if (record !== held) contested.push([key, record])
    } else if (inDoc && held === undefined) contested.push([key, values[0]])
  }
  return { refused, contested }
}

const sortedMerged = (items: { clock: number; len: number }[]) => {
  const out: { clock: number; len: number }[] = []
  for (const d of [...items].sort((a, b) => a.clock - b.clock)) {
    const last = out.at(-1)
    if (last && d.clock <= last.clock + last.len) last.len = Math.max(last.len, d.clock + d.len - last.clock)
    else out.push({ clock: d.clock, len: d.len })
  }
  return out
}

const isEntry = (s: Struct | undefined): boolean => s instanceof Y.Item && !s.deleted && s.content instanceof Y.ContentAny

/** the structs of a clock-ordered list that overlap [from, to) */
const overlapping = (list: Struct[] | undefined, from: number, to: number): Struct[] => {
  if (!list?.length) return []
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid].id.clock + list[mid].length <= from) lo = mid + 1
    else hi = mid
  }
  const out: Struct[] = []
  for (let i = lo; i < list.length && list[i].id.clock < to; i++) out.push(list[i])
  return out
}

/**
 * A delete set without the live entries it covers, in the document or carried live by the update: no Hearth writer
 * deletes an entry (an overwrite by the same record deletes the old item as it integrates), so such deletions can only
 * hide records, and answering them with restores is what made the document grow. True when anything was taken out.
 */
export const spareLive = (ds: DeleteSet, structs: Struct[], doc: Y.Doc | undefined): boolean => {
  let changed = false
  const incoming = new Map<number, Struct[]>()
  // an entry the update writes over is deleted as the new one integrates: its deletion is the overwrite's own
  const overwritten = new Set<string>()
  for (const s of structs) {
    if (s instanceof Y.Item && s.origin) overwritten.add(`${s.origin.client}:${s.origin.clock}`)
    const list = incoming.get(s.id.client)
    if (list) list.push(s)
    else incoming.set(s.id.client, [s])
  }
  for (const [client, items] of [...ds.clients]) {
    const held = doc?.store.clients.get(client) as Struct[] | undefined
    const out: { clock: number; len: number }[] = []
    for (const r of sortedMerged(items)) {
      const end = r.clock + r.len
      const live = [...overlapping(held, r.clock, end), ...overlapping(incoming.get(client), r.clock, end)]
        .filter((s) => isEntry(s) && !overwritten.has(`${s.id.client}:${s.id.clock + s.length - 1}`)).sort((a, b) => a.id.clock - b.id.clock)
      let from = r.clock
      for (const s of live) {
        if (s.id.clock > from) out.push({ clock: from, len: s.id.clock - from })
        from = Math.max(from, s.id.clock + s.length)
        changed = true
      }
      if (from < end) out.push({ clock: from, len: end - from })
    }
    ds.clients.set(client, out as typeof items)
  }
  return changed
}
