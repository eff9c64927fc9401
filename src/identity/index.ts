export { createIdentity, sign, verify, verifyNow, hasCrypto, isMemberKey, MEMBER_ID, type Identity, type MemberId } from './keys.ts'
export { loadIdentity, memoryKeyStore, indexedDbKeyStore, type KeyStore } from './store.ts'
export { verifyMany, type Check } from './many.ts'
