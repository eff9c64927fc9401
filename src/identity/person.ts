import { sign, type Identity, type MemberId } from './keys.ts'

/** What a device signs to agree to belong to a person: the only text it signs that is not a record. */
export const deviceConsent = (p: MemberId, d: MemberId): string => `hearth/device\n${p}\n${d}`

/** This device's consent to be one of person `p`'s devices: proof it holds its key, and wants to. */
export const consentTo = (me: Identity, p: MemberId): Promise<string> => sign(me, deviceConsent(p, me.id))
