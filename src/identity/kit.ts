import { kitKeyPair } from '../crypto/index.ts'
import { identityFromPair, type Identity } from './keys.ts'

// apart from keys.ts, so the kit's Ed25519 code loads only when a kit is made or read, not with the first screen
/** The identity a recovery kit's seed holds: one more device of its person, whose key lives on paper. */
export const kitIdentity = async (seed: Uint8Array): Promise<Identity> => identityFromPair(await kitKeyPair(seed))
