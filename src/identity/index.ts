export { createIdentity, sign, hasCrypto, MEMBER_ID, type Identity, type MemberId } from './keys.ts'
export { verify, verifyNow, isMemberKey } from './member.ts'
export { loadIdentity, memoryKeyStore, indexedDbKeyStore, type KeyStore } from './store.ts'
export { verifyMany, type Check } from './many.ts'
