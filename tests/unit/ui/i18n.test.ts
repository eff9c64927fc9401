import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS, contentErrors } from '../../../src/model/index.ts'
import { checkRelayUrl, checkSignalingUrl, parseRoomLink } from '../../../src/sync/index.ts'
import { en as first } from '../../../src/ui/i18n/en.ts'
import { es } from '../../../src/ui/i18n/es.ts'
import { detectLocale, hasKey, say, loadLocale, setLocale, t } from '../../../src/ui/i18n/index.ts'
import { errorsEn as errorsLater, type Problem } from '../../../src/ui/i18n/errors.ts'
import { errorsFirstEn } from '../../../src/ui/i18n/errors-first.ts'
// the other screens' English, as they load it (see words-first.test.ts)
import { laterEn } from '../../../src/ui/i18n/later.ts'
import { errorsEs } from '../../../src/ui/i18n/errors-es.ts'

const root = resolve(import.meta.dirname, '../../..')
const en = { ...first, ...laterEn }
const errorsEn = { ...errorsFirstEn, ...errorsLater }

/** Every leaf of a nested catalogue as `a.b` → the kind of value there. */
const leaves = (dict: object, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(dict)) {
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv)
    else out.set(`${prefix}${k}`, typeof v)
  }
  return out
}

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : []
  })

// Spanish loads on demand in the app; here it is loaded once, so that choosing it takes effect at once
beforeAll(() => loadLocale('es'))
afterEach(() => setLocale('en'))

describe('the catalogues', () => {
  it('English and Spanish have exactly the same keys, each a string or a function in both', () => {
    const a = leaves(en)
    const b = leaves(es)
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
    for (const [k, kind] of a) expect(`${k}: ${b.get(k)}`).toBe(`${k}: ${kind}`)
    expect(a.size).toBeGreaterThan(300)
  })

  it('every key src/ui asks for exists in English', () => {
    const used = new Set<string>()
    const prefixes = new Set<string>()
    for (const file of files(join(root, 'src/ui'))) {
      if (file.includes(`${join('src', 'ui', 'i18n')}`)) continue
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1])
      // keys built from a value: t(`kind.${kind}`) needs the `kind` group to exist
      for (const m of text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)) prefixes.add(m[1])
      // t(cond ? 'a.b' : 'c.d')
      for (const m of text.matchAll(/\bt\([^()]*\?\s*'([\w.]+)'\s*:\s*'([\w.]+)'/g)) { used.add(m[1]); used.add(m[2]) }
    }
    expect(used.size).toBeGreaterThan(250)
    const all = leaves(en)
    expect([...used].filter((k) => !all.has(k))).toEqual([])
    for (const p of prefixes) expect(Object.keys(en)).toContain(p)
  })

  it('no Spanish string is left in English', () => {
    const a = leaves(en)
    const same = [...a.keys()].filter((k) => {
      const [g, l] = k.split('.')
      const x = (en as any)[g][l]
      const y = (es as any)[g][l]
      return typeof x === 'string' && x === y
    })
    // names, numbers and words both languages write alike
    expect(same.sort()).toEqual(['app.name', 'respond.no'].sort())
  })
})

describe('t()', () => {
  it('follows the chosen language, fills in names, and counts with plurals', () => {
    expect(t('room.invite')).toBe('Invite…')
    expect(t('home.hi', { name: 'Ana' })).toBe('Hi, Ana')
    expect(t('room.count', { n: 1 })).toBe('1 invitation')
    expect(t('room.count', { n: 10000 })).toBe('10,000 invitations')
    expect(t('home.needsAnswer', { n: 1 })).toBe('1 needs your answer')
    expect(t('home.needsAnswer', { n: 3 })).toBe('3 need your answer')
    setLocale('es')
    expect(t('room.invite')).toBe('Invitar…')
    expect(t('home.hi', { name: 'Ana' })).toBe('Hola, Ana')
    expect(t('room.count', { n: 10000 })).toBe('10.000 invitaciones')
    expect(t('home.needsAnswer', { n: 3 })).toBe('3 esperan tu respuesta')
    setLocale('xx')
    expect(t('room.invite')).toBe('Invitar…')
  })

  it('never reads a filler twice, so a name with braces or $& stays as typed', () => {
    expect(t('home.hi', { name: '{{ name }} $& $1' })).toBe('Hi, {{ name }} $& $1')
  })

  it('takes Spanish from any Spanish browser and English from everything else', () => {
    expect(detectLocale(['es-MX', 'en'])).toBe('es')
    expect(detectLocale(['ES'])).toBe('es')
    expect(detectLocale(['de-DE', 'es'])).toBe('es')
    expect(detectLocale(['de-DE', 'fr'])).toBe('en')
    expect(detectLocale([])).toBe('en')
    expect(hasKey('room.invite')).toBe(true)
    expect(hasKey('room')).toBe(false)
  })
})

describe('what is wrong, said from its code', () => {
  // one of each code, with what its words need: a code missing here is a type error, as in the catalogues
  const SAMPLES: { [C in Problem['code']]: Extract<Problem, { code: C }> } = {
    'fields-need-look': { code: 'fields-need-look' },
    'invitation-needs-look': { code: 'invitation-needs-look', n: 3 },
    refused: { code: 'refused', op: 'edit' },
    'feed-needs-relay': { code: 'feed-needs-relay' }, 'feed-unreachable': { code: 'feed-unreachable' }, 'feed-refused': { code: 'feed-refused', why: 'wrong-token' },
    'link-needs-relay': { code: 'link-needs-relay' }, 'link-code-damaged': { code: 'link-code-damaged' }, 'link-code-failed': { code: 'link-code-failed' }, 'kit-code-damaged': { code: 'kit-code-damaged' }, 'kit-other-person': { code: 'kit-other-person' }, 'not-your-device': { code: 'not-your-device' }, 'kit-revoked-by-kit': { code: 'kit-revoked-by-kit' }, 'not-here': { code: 'not-here' },
    'date-cancelled': { code: 'date-cancelled' },
    'not-a-member-key': { code: 'not-a-member-key' },
    'write-something': { code: 'write-something' },
    'at-most': { code: 'at-most', what: 'comment', max: 2000 },
    'answering-gone': { code: 'answering-gone' },
    'comment-gone': { code: 'comment-gone' },
    'only-author': { code: 'only-author' },
    withdrawn: { code: 'withdrawn' },
    'name-the-room': { code: 'name-the-room' },
    'quota-reached': { code: 'quota-reached', quota: 'res' },
    'out-of-bounds': { code: 'out-of-bounds' },
    'write-outcome': { code: 'write-outcome' },
    'choose-stance': { code: 'choose-stance' },
    'choose-answer': { code: 'choose-answer' },
    'give-reason': { code: 'give-reason' },
    'guests-up-to': { code: 'guests-up-to', n: 2 },
    'no-plus-ones': { code: 'no-plus-ones' },
    'leave-instead': { code: 'leave-instead' }, 'room-moved': { code: 'room-moved' }, 'no-removal-passed': { code: 'no-removal-passed' }, 'removed-here': { code: 'removed-here' }, 'not-counted-here': { code: 'not-counted-here' }, 'rekey-waits-for-keys': { code: 'rekey-waits-for-keys' },
    'choose-name': { code: 'choose-name' },
    needed: { code: 'needed' },
    'too-long': { code: 'too-long' },
    'reason-needed': { code: 'reason-needed' },
    'not-allowed': { code: 'not-allowed' },
    'must-be-text': { code: 'must-be-text' },
    'fill-in': { code: 'fill-in' },
    'text-at-most': { code: 'text-at-most', max: 5000, now: 12345 },
    'not-an-invitation': { code: 'not-an-invitation' },
    'unknown-field': { code: 'unknown-field' },
    'skills-up-to': { code: 'skills-up-to', n: 20 },
    'skill-length': { code: 'skill-length', max: 60 },
    'needs-up-to': { code: 'needs-up-to', n: 20 },
    'need-length': { code: 'need-length', max: 120 },
    'need-count': { code: 'need-count', max: 50 },
    'need-gone': { code: 'need-gone' },
    'need-filled': { code: 'need-filled' },
    'claimed-already': { code: 'claimed-already' },
    'not-claimed': { code: 'not-claimed' },
    'invitation-cancelled': { code: 'invitation-cancelled' },
    'give-why': { code: 'give-why' },
    'no-understudy': { code: 'no-understudy' },
    'threshold-number': { code: 'threshold-number' },
    'give-start': { code: 'give-start' },
    'give-end': { code: 'give-end' },
    'end-before-start': { code: 'end-before-start' },
    'bad-zone': { code: 'bad-zone' },
    'online-or-not': { code: 'online-or-not' },
    where: { code: 'where' },
    'capacity-number': { code: 'capacity-number' },
    'plus-ones-range': { code: 'plus-ones-range', max: 20 },
    'give-closing': { code: 'give-closing' },
    'repeat-how': { code: 'repeat-how' },
    'repeat-until': { code: 'repeat-until' },
    'repeat-times': { code: 'repeat-times', max: 260 },
    'repeat-until-date': { code: 'repeat-until-date' },
    'occurrence-changes': { code: 'occurrence-changes' },
    'not-a-link': { code: 'not-a-link' },
    'link-id-damaged': { code: 'link-id-damaged' },
    'link-no-key': { code: 'link-no-key' },
    'link-key-damaged': { code: 'link-key-damaged' },
    'link-wrong-key': { code: 'link-wrong-key' },
    'not-a-pairing-code': { code: 'not-a-pairing-code' },
    'pairing-other-version': { code: 'pairing-other-version' },
    'answer-no-address': { code: 'answer-no-address' },
    'code-no-address': { code: 'code-no-address' },
    'code-damaged': { code: 'code-damaged' },
    'phones-unreachable': { code: 'phones-unreachable' },
    'offer-not-answer': { code: 'offer-not-answer' },
    'other-pairing': { code: 'other-pairing' },
    'pairing-done': { code: 'pairing-done' },
    'answer-unusable': { code: 'answer-unusable' },
    'answer-not-offer': { code: 'answer-not-offer' },
    'code-unusable': { code: 'code-unusable' },
    'pairing-is-link': { code: 'pairing-is-link' }, 'pairing-not-link': { code: 'pairing-not-link' },
    'signaling-scheme': { code: 'signaling-scheme' },
    'not-signaling-url': { code: 'not-signaling-url' },
    'relay-scheme': { code: 'relay-scheme' },
    'not-relay-url': { code: 'not-relay-url' },
    'relay-refused': { code: 'relay-refused', why: 'room-full' },
    'change-too-large': { code: 'change-too-large' },
    'push-unavailable': { code: 'push-unavailable' },
    'push-denied': { code: 'push-denied' },
    'no-room-open': { code: 'no-room-open' },
    'room-not-here': { code: 'room-not-here' },
    'starting-up': { code: 'starting-up' },
    'needs-secure-connection': { code: 'needs-secure-connection' },
    'no-key-here': { code: 'no-key-here', error: 'Error: nope' },
    'open-room-first': { code: 'open-room-first' },
    'start-pairing-first': { code: 'start-pairing-first' },
    'pair-not-proven': { code: 'pair-not-proven' },
    'pair-closed': { code: 'pair-closed' },
    unexpected: { code: 'unexpected', detail: 'Something only the browser says' },
    'count-not-whole': { code: 'count-not-whole', unit: 'places', example: 2 },
    'count-below': { code: 'count-below', min: 2 },
    'count-above': { code: 'count-above', max: 100000, unit: 'people' },
    'time-past': { code: 'time-past' },
    'zone-unknown': { code: 'zone-unknown' },
    'review-ahead': { code: 'review-ahead' },
    'choose-cohost': { code: 'choose-cohost' },
    'choose-hand-over': { code: 'choose-hand-over' },
    'tick-who-came': { code: 'tick-who-came' },
  }
  // and every value of the parameters that choose among sentences
  const more: Problem[] = [
    ...(['create', 'edit', 'cancel', 'cohost', 'accept', 'decline', 'stepdown', 'home', 'close', 'attended', 'hide', 'unhide'] as const).map((op) => ({ code: 'refused', op }) as const),
    ...(['comment', 'room-name', 'about', 'outcome', 'note', 'name'] as const).map((what) => ({ code: 'at-most', what, max: 80 }) as const),
    ...(['records', 'bytes', 'inv', 'res', 'com', 'mem', 'room'] as const).map((quota) => ({ code: 'quota-reached', quota }) as const),
    ...(['bad-message', 'bad-topic', 'bad-signature', 'not-joined', 'too-large', 'rate-limited', 'room-full', 'too-many-topics', 'too-many-sockets', 'stale-snapshot', 'unavailable', undefined] as const)
      .map((why) => ({ code: 'relay-refused', why }) as const),
  ]

  it('every code has words in English and in Spanish, and the Spanish ones are Spanish', () => {
    expect(Object.keys(errorsEs).sort()).toEqual(Object.keys(errorsEn).sort())
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(errorsEn).sort())
    for (const p of [...Object.values(SAMPLES), ...more]) {
      const english = say(p)
      setLocale('es')
      const spanish = say(p)
      setLocale('en')
      expect(english.trim(), JSON.stringify(p)).not.toBe('')
      expect(spanish.trim(), JSON.stringify(p)).not.toBe('')
      // what no code names is said as it came, in any language
      if (p.code !== 'unexpected') expect(spanish, JSON.stringify(p)).not.toBe(english)
    }
  })

  it('says the English a person has always read, numbers written the English way', () => {
    expect(say({ code: 'write-something' })).toBe('Please write something first.')
    expect(say({ code: 'refused', op: 'edit' })).toBe('Only a host can change this invitation.')
    expect(say({ code: 'give-closing' })).toBe('Please give a closing date and time.')
    expect(say({ code: 'invitation-needs-look', n: 3 })).toBe('Invitation 3 needs another look.')
    expect(say({ code: 'at-most', what: 'comment', max: LIMITS.comment })).toBe(`A comment is at most ${LIMITS.comment.toLocaleString('en')} characters.`)
    expect(say({ code: 'count-above', max: LIMITS.count, unit: 'people' })).toBe('At most 100,000 people.')
    expect(say({ code: 'count-not-whole', unit: 'places', example: 2 })).toBe('A whole number of places, like 2.')
    expect(say({ code: 'no-key-here', error: 'Error: nope' })).toBe('This browser could not make or load your key: Error: nope')
    expect(say({ code: 'link-wrong-key' })).toMatch(/key in this link does not belong to its room/)
    expect(say(null)).toBe('')
  })

  it('says what the model and sync return in Spanish, numbers the Spanish way', () => {
    setLocale('es')
    const link = parseRoomLink('nonsense')
    expect(link).toEqual({ ok: false, error: { code: 'not-a-link' } })
    if (!link.ok) expect(say(link.error)).toMatch(/^Esto no es un enlace de sala de Hearth/)
    expect(say(checkRelayUrl('nope'))).toMatch(/^Eso no es una dirección web/)
    expect(say(checkSignalingUrl('http://x'))).toMatch(/^La dirección de un servidor de señalización/)
    // every field error the model gives for empty or wrong content
    for (const kind of ['project', 'event', 'proposal'] as const) {
      const errors = contentErrors(kind, { title: 'x'.repeat(LIMITS.title + 1), text: 5, skills: ['x'.repeat(LIMITS.skill + 1)], threshold: 0, capacity: -1, plusOnes: 99, tz: 'Nowhere/Here', online: 'y' })
      expect(Object.keys(errors).length).toBeGreaterThan(3)
      for (const e of Object.values(errors)) {
        setLocale('en')
        const english = say(e)
        setLocale('es')
        expect(say(e), e.code).not.toBe(english)
      }
    }
    const es = (n: number) => new Intl.NumberFormat('es').format(n)
    expect(say({ code: 'text-at-most', max: LIMITS.text, now: 12345 })).toBe(`Como mucho ${es(LIMITS.text)} caracteres (ahora ${es(12345)}).`)
    expect(say({ code: 'invitation-needs-look', n: 3 })).toBe('La invitación 3 necesita otra mirada.')
    expect(say({ code: 'guests-up-to', n: 2 })).toBe('Puedes traer hasta 2 invitados.')
    expect(say({ code: 'count-not-whole', unit: 'places', example: 2 })).toBe('Un número entero de plazas, como 2.')
    expect(say({ code: 'no-key-here', error: 'Error: nope' })).toBe('Este navegador no pudo crear ni cargar tu clave: Error: nope')
    expect(say({ code: 'unexpected', detail: 'Something only the browser says' })).toBe('Something only the browser says')
  })
})
