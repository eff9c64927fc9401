import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createIdentity } from '../../../../src/identity/index.ts'
import { recordKey } from '../../../../src/model/index.ts'
import { applyGuarded } from '../../../../src/sync/guard/index.ts'
import { forge } from '../../fixtures/model.ts'

const records = (doc: Y.Doc) => doc.getMap<unknown>('records')

describe('junk values under the records map', () => {
  it('are neither kept nor passed on, and the sender’s real records still apply at their keys', async () => {
    const mal = await createIdentity()
    const real = await forge(mal, { t: 'mem', n: 1, by: mal.id, name: 'Mal', seq: 1 })
    const atWrongKey = await forge(mal, { t: 'mem', n: 2, by: mal.id, name: 'Mal again', seq: 2 })
    const src = new Y.Doc()
    const sent: Uint8Array[] = []
    src.on('update', (u: Uint8Array) => sent.push(u))
    records(src).set('junk/object', { fine: true, pad: 'x'.repeat(5000) })
    records(src).set('junk/number', 42)
    records(src).set('junk/string', 'y'.repeat(20_000))
    records(src).set('m/elsewhere', atWrongKey)
    records(src).set('i/nope/1/x', { t: 'inv', v: 1, by: mal.id })
    // junk first, then the real record over it at its own key: the record must land where it belongs
    records(src).set(recordKey(real), { t: 'mem', junk: true })
    records(src).set(recordKey(real), real)

    // live, one update at a time, and as one sync step
    for (const updates of [sent, [Y.encodeStateAsUpdate(src)]]) {
      const ana = new Y.Doc()
      for (const u of updates) expect(applyGuarded(ana, u, 'peer', 'test')).not.toBeNull()
      expect(records(ana).toJSON()).toEqual({ [recordKey(real)]: real })
      const cai = new Y.Doc()
      Y.applyUpdate(cai, Y.encodeStateAsUpdate(ana))
      expect(records(cai).toJSON()).toEqual({ [recordKey(real)]: real })
      expect(JSON.stringify(cai.toJSON())).not.toMatch(/fine|yyyy|Mal again|junk/)
      expect(ana.store.pendingStructs).toBeNull()
    }
  })
})
