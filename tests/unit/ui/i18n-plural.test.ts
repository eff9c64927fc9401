import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadLocale, setLocale, t } from '../../../src/ui/i18n/index.ts'
import { pluralIn } from '../../../src/ui/i18n/intl.ts'
// the other screens' English, as they load it
import '../../../src/ui/i18n/later.ts'

// Spanish loads on demand in the app; here it is loaded once, so that choosing it takes effect at once
beforeAll(() => loadLocale('es'))
afterEach(() => setLocale('en'))

const counts = [0, 1, 2, 5]
const each = (say: (n: number) => string) => counts.map(say)

describe('plurals by the language’s own rules', () => {
  it('says English counts as before, for none, one, two and five', () => {
    expect(each((n) => t('room.count', { n }))).toEqual(['0 invitations', '1 invitation', '2 invitations', '5 invitations'])
    expect(each((n) => t('home.needsAnswer', { n }))).toEqual(['0 need your answer', '1 needs your answer', '2 need your answer', '5 need your answer'])
    expect(each((all) => t('room.matching', { found: 0, all }))).toEqual(['0 of 0 invitations match', '0 of 1 invitation matches', '0 of 2 invitations match', '0 of 5 invitations match'])
    expect(t('consent.blocked', { n: 1 })).toBe('Blocked: one person blocks this proposal. A block is real; talk it through.')
    expect(t('consent.blocked', { n: 2 })).toBe('Blocked: 2 people block this proposal. A block is real; talk it through.')
    expect(t('respond.tooFew', { left: 1, guests: 1 })).toMatch(/^Only 1 place is left: not enough for you and your guest\./)
    expect(t('respond.tooFew', { left: 2, guests: 5 })).toMatch(/^Only 2 places are left: not enough for you and your 5 guests\./)
    expect(t('respond.behind', { n: 3, left: 1 })).toBe('You are number 3 on the waitlist: the place left is not enough for the people before you.')
    expect(t('respond.behind', { n: 3, left: 0 })).toBe('You are number 3 on the waitlist: the 0 places left are not enough for the people before you.')
    expect(each((min) => t('form.atLeast', { min }))).toEqual(['At least 0.', 'At least 1, or leave it empty.', 'At least 2.', 'At least 5.'])
    expect(each((n) => t('connection.saving', { n }))).toEqual(counts.map((n) => `Sending to the relay… ${n} ${n === 1 ? 'change' : 'changes'} on this phone only so far.`))
  })

  it('says Spanish counts as before, and a million (Spanish `many`) as any other number', () => {
    setLocale('es')
    expect(each((n) => t('room.count', { n }))).toEqual(['0 invitaciones', '1 invitación', '2 invitaciones', '5 invitaciones'])
    expect(each((n) => t('home.unread', { n }))).toEqual(['0 nuevas', '1 nueva', '2 nuevas', '5 nuevas'])
    expect(each((n) => t('card.going', { n }))).toEqual(['0 van', '1 va', '2 van', '5 van'])
    expect(each((n) => t('card.object', { n }))).toEqual(['0 objeciones', '1 objeción', '2 objeciones', '5 objeciones'])
    expect(t('respond.tooFew', { left: 1, guests: 1 })).toMatch(/^Solo queda 1 plaza: no basta para ti y tu invitado\./)
    expect(t('respond.tooFew', { left: 2, guests: 5 })).toMatch(/^Solo quedan 2 plazas: no basta para ti y tus 5 invitados\./)
    expect(each((min) => t('form.atLeast', { min }))).toEqual(['Al menos 0.', 'Al menos 1, o déjalo vacío.', 'Al menos 2.', 'Al menos 5.'])
    expect(t('room.count', { n: 1_000_000 })).toBe('1.000.000 invitaciones')
  })

  it('takes the catalogue’s language, not the regional variant numbers are written in', () => {
    const es = pluralIn('es')
    const en = pluralIn('en')
    expect(es(1_000_000, { one: 'a', other: 'b' })).toBe('b')
    expect(es(1_000_000, { one: 'a', many: 'c', other: 'b' })).toBe('c')
    expect(each((n) => en(n, { one: 'a', other: 'b' }))).toEqual(['b', 'a', 'b', 'b'])
    expect(en(1.5, { one: 'a', other: 'b' })).toBe('b')
  })
})
