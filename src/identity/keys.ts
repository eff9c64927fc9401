import { createKeyPair, publicKeyBytes, sign as signBytes, toBase64url, utf8 } from '../crypto/index.ts'

/** A member id is the base64url of the member's raw Ed25519 public key (43 characters). */
export type MemberId = string

export interface Identity {
  id: MemberId
  publicKey: CryptoKey
  privateKey: CryptoKey
}

export const MEMBER_ID = /^[A-Za-z0-9_-]{43}$/

export { hasCrypto } from '../crypto/index.ts'

export const createIdentity = async (): Promise<Identity> => identityFromPair(await createKeyPair())

export const identityFromPair = async (pair: CryptoKeyPair): Promise<Identity> =>
  ({ id: toBase64url(await publicKeyBytes(pair.publicKey)), publicKey: pair.publicKey, privateKey: pair.privateKey })

export const sign = async (identity: Identity, message: string): Promise<string> =>
  toBase64url(await signBytes(identity.privateKey, utf8(message)))

