import { describe, expect, it } from 'vitest'
import { isBoxKey, newBoxKeys, openBox, sealBoxes } from '../../../src/crypto/index.ts'

const context = (m: string) => `hearth/rekey/old/new/removal/${m}`

describe('lockboxes', () => {
  it('seal a secret to each member, and each opens only their own', () => {
    const [ben, dan, cai] = [newBoxKeys(), newBoxKeys(), newBoxKeys()]
    const { e, boxes } = sealBoxes('the-new-secret', [{ member: 'ben', pub: ben.pub }, { member: 'dan', pub: dan.pub }], context)
    expect(openBox(ben, e, boxes.get('ben')!, context('ben'))).toBe('the-new-secret')
    expect(openBox(dan, e, boxes.get('dan')!, context('dan'))).toBe('the-new-secret')
    expect(boxes.has('cai')).toBe(false)
    // Cai holds neither box's key, whatever context he claims
    expect(openBox(cai, e, boxes.get('ben')!, context('ben'))).toBe(null)
    expect(openBox(cai, e, boxes.get('dan')!, context('cai'))).toBe(null)
    // a box moved to another member, re-key or room doesn't open
    expect(openBox(dan, e, boxes.get('ben')!, context('dan'))).toBe(null)
    expect(openBox(ben, e, boxes.get('ben')!, 'hearth/rekey/old/other/removal/ben')).toBe(null)
  })

  it('refuses keys a box can’t be sealed to, and boxes that are not boxes', () => {
    expect(isBoxKey(newBoxKeys().pub)).toBe(true)
    expect(isBoxKey('A'.repeat(43))).toBe(false) // the all-zero point: ECDH gives nothing secret
    expect(isBoxKey('short')).toBe(false)
    const ben = newBoxKeys()
    const { e, boxes } = sealBoxes('s', [{ member: 'x', pub: 'A'.repeat(43) }, { member: 'ben', pub: ben.pub }], context)
    expect([...boxes.keys()]).toEqual(['ben'])
    expect(openBox(ben, e, 'not-a-box', context('ben'))).toBe(null)
    expect(openBox(ben, 'bad', boxes.get('ben')!, context('ben'))).toBe(null)
  })
})
