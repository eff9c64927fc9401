export { createIdentity, sign, verify, hasCrypto, isMemberKey, MEMBER_ID, type Identity, type MemberId } from './keys.ts'
export { loadIdentity, memoryKeyStore, indexedDbKeyStore, type KeyStore } from './store.ts'
export { toBase64url, fromBase64url } from './encoding.ts'
export { verifyMany, type Check } from './many.ts'
