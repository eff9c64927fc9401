import { consentTo, kitIdentity } from '../../identity/index.ts'
import * as sync from '../../sync/index.ts'
import { me, openKnown, openSessions, refreshRooms } from '../bridge/index.ts'
import { you } from './devices.ts'
import { t, type Problem } from '../i18n/index.ts'

/** Part of the bridge: a person's recovery kit (make one; recover from one). The model loads lazily, as in bridge.ts. */
const model = () => import('../../model/index.ts')

export interface MadeKit { text: string; fingerprint: string }

/**
 * Makes a kit: a new key, certified here as one more device of this person, in every room this device holds (so it
 * is there even if this phone is lost before the next sync) and in this device's own certificates.
 */
export const makeKit = async (withRooms: boolean): Promise<MadeKit | Problem> => {
  const identity = me()
  const person = you()
  if (!identity || !person) return { code: 'starting-up' }
  const kits = await sync.kit()
  const made = kits.newKit(person)
  if (!made) return { code: 'starting-up' }
  const { commands } = await model()
  const kit = await kitIdentity(made.seed)
  const cert = await commands.certificate(identity, person, kit.id, await consentTo(kit, person), undefined, { kit: true })
  sync.addCertificates(person, [cert])
  for (const r of sync.knownRooms()) {
    const s = await openKnown(r.id)
    if (!s) continue
    await s.room.ledger.ready
    commands.writeCertificates(s.room, [cert])
  }
  const fingerprint = kit.id.slice(0, 6)
  const rooms = withRooms ? sync.knownRooms().map(({ id, secret, name }) => ({ id, secret, name })) : []
  const words = { title: t('kit.fileTitle'), warning: `${t('kit.warning')} ${t('kit.fileFingerprint', { fp: fingerprint })}`, code: t('kit.fileCode'), rooms: t('kit.fileRooms') }
  return { text: kits.kitText(words, made.code, rooms, location.href), fingerprint }
}

/**
 * On a fresh device: the kit's key certifies this device as its person; the rooms it carries are remembered here.
 * On a device that was revoked: the kit revokes, in each open room, the device that revoked this one, from before.
 */
export const recoverWithKit = async (text: string): Promise<Problem | 'recovered' | 'restored'> => {
  const identity = me()
  if (!identity) return { code: 'starting-up' }
  const read = (await sync.kit()).readKit(text)
  if ('code' in read) return read
  const state = sync.personState()
  if (identity.id !== read.person && state && state.person !== read.person && state.certs.length) return { code: 'kit-other-person' }
  const { commands } = await model()
  const kit = await kitIdentity(read.seed)
  // the device the person began on is that person already
  if (identity.id !== read.person) {
    const cert = await commands.certificate(kit, read.person, identity.id, await consentTo(identity, read.person))
    sync.addCertificates(read.person, [cert])
    for (const r of read.rooms) sync.rememberRoom(r, r.name)
    for (const s of openSessions()) commands.writeCertificates(s.room, [cert])
    refreshRooms()
  }
  let restored = false
  for (const s of openSessions()) {
    await s.room.ledger.settled()
    if (s.room.person() !== read.person) continue
    if ((await commands.restoreWithKit(s.room, kit)).some((r) => r.ok)) restored = true
  }
  return restored ? 'restored' : 'recovered'
}
