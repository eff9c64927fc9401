import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { applyGuarded, cleanUpdate } from '../../../../src/sync/guard/index.ts'
import { shaped } from '../../fixtures/shaped.ts'

/** one device's edits, as the updates it would send */
const device = () => {
  const doc = new Y.Doc()
  const sent: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => sent.push(u))
  return { doc, sent, records: doc.getMap('records') }
}

describe('updates from peers and the relay', () => {
  it('pass unchanged when they only set records in the records map, including a record written again at its key', () => {
    const mal = device()
    const [key, value] = shaped('a')
    mal.records.set(key, value)
    mal.records.set(key, { ...value })
    const ana = new Y.Doc()
    for (const u of mal.sent) {
      const c = cleanUpdate(u, ana)
      expect(c).toMatchObject({ update: u, refused: [] })
      Y.applyUpdate(ana, u)
    }
    // but no entry is deleted: Hearth's writers never delete one (see guard-deletion.test.ts)
    mal.records.delete(key)
    expect(cleanUpdate(mal.sent.at(-1)!, ana)).toMatchObject({ refused: ['deletions of records'] })
    // and a value that is no record at its key is emptied (junk.test.ts)
    mal.records.set('i/x/1/a', { t: 'inv', v: 1 })
    expect(cleanUpdate(mal.sent.at(-1)!, ana)).toMatchObject({ refused: ['values that are no record at their key'] })
  })

  it('leave out other root types, nested types and text, and still apply the sender’s later records', () => {
    const mal = device()
    mal.doc.getMap('evil').set('payload', 'x'.repeat(100))
    mal.records.set('nested', new Y.Map())
    ;(mal.records.get('nested') as Y.Map<unknown>).set('deep', 1)
    mal.doc.getText('notes').insert(0, 'unsigned')
    const [ok, value] = shaped('ok')
    mal.records.set(ok, value)
    const ana = new Y.Doc()
    for (const u of mal.sent) expect(applyGuarded(ana, u, 'peer', 'test')).not.toBeNull()
    expect([...ana.share.keys()]).toEqual(['records'])
    expect(ana.getMap('records').toJSON()).toEqual({ [ok]: value })
    expect(ana.store.pendingStructs).toBeNull()
    // what Ana passes on holds none of it either
    const cai = new Y.Doc()
    Y.applyUpdate(cai, Y.encodeStateAsUpdate(ana))
    expect([...cai.share.keys()]).toEqual(['records'])
    expect(JSON.stringify(cai.toJSON())).not.toContain('unsigned')
  })

  it('also cleans a whole document sent at once, as a sync step does', () => {
    const mal = device()
    const [[a, va], [b, vb]] = [shaped('a'), shaped('b')]
    mal.records.set(a, va)
    mal.doc.getArray('list').push([1, 2, 3])
    mal.records.set(b, vb)
    const ana = new Y.Doc()
    applyGuarded(ana, Y.encodeStateAsUpdate(mal.doc), null, 'test')
    expect(ana.getMap('records').toJSON()).toEqual({ [a]: va, [b]: vb })
    expect([...ana.share.keys()]).toEqual(['records'])
  })

  it('refuses garbage with a reason', () => {
    const c = cleanUpdate(new Uint8Array([1, 2, 3, 4, 5]))
    expect('error' in c).toBe(true)
    expect(applyGuarded(new Y.Doc(), new Uint8Array([9, 9, 9]), null, 'test')).toBeNull()
  })
})

describe('a member with the key, at the Yjs layer', () => {
  it('cannot delete another member’s records before they are written', () => {
    const hal = device()
    const [[h1, v1], [h2, v2]] = [shaped('h1'), shaped('h2')]
    hal.records.set(h1, v1)
    const ana = new Y.Doc()
    for (const u of hal.sent.splice(0)) applyGuarded(ana, u, null, 'test')
    // Mallory sends a delete set covering Hal's next thousand clocks
    const ds = new Y.UpdateEncoderV1()
    const { writeVarUint } = encoding
    writeVarUint(ds.restEncoder, 0)
    writeVarUint(ds.restEncoder, 1)
    writeVarUint(ds.restEncoder, hal.doc.clientID)
    writeVarUint(ds.restEncoder, 1)
    ds.writeDsClock(0)
    ds.writeDsLen(1000)
    applyGuarded(ana, ds.toUint8Array(), null, 'test')
    hal.records.set(h2, v2)
    for (const u of hal.sent.splice(0)) applyGuarded(ana, u, null, 'test')
    // (and no live entry is deleted at all)
    expect(ana.getMap('records').toJSON()).toEqual({ [h1]: v1, [h2]: v2 })
    expect(ana.store.pendingDs).toBeNull()
  })

  it('cannot claim clocks with garbage-collected blocks', () => {
    const e = new Y.UpdateEncoderV1()
    encoding.writeVarUint(e.restEncoder, 1)
    encoding.writeVarUint(e.restEncoder, 1)
    e.writeClient(12345)
    encoding.writeVarUint(e.restEncoder, 0)
    new Y.GC(Y.createID(12345, 0), 500).write(e, 0)
    encoding.writeVarUint(e.restEncoder, 0)
    const c = cleanUpdate(e.toUint8Array())
    expect('error' in c && c.error).toMatch(/garbage/)
  })
})
