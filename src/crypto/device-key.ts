// the device's own key lives in WebCrypto; apart from ed25519.ts, so the first screen loads it without a curve library
const ED = { name: 'Ed25519' } as const
const subtle = () => globalThis.crypto?.subtle

export const hasCrypto = (): boolean => !!subtle()

/** A device key pair whose private half can be stored in IndexedDB but never read out. */
export const createKeyPair = async (): Promise<CryptoKeyPair> => (await subtle().generateKey(ED, false, ['sign', 'verify'])) as CryptoKeyPair

export const publicKeyBytes = async (publicKey: CryptoKey): Promise<Uint8Array> => new Uint8Array(await subtle().exportKey('raw', publicKey))

export const sign = async (privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(await subtle().sign(ED, privateKey, message as BufferSource))
