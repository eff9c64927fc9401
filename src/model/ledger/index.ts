// A room's valid records, indexed as the document changes: each author's chain, what each member may still add, and which signatures were already checked.
export { openLedger, type Change, type Ledger } from './ledger.ts'
export type { Chains } from './chains.ts'
export { QUOTAS, openQuota, type Quota, type QuotaName } from './quota.ts'
export { verifiedIds, type VerifiedIds } from './verified.ts'
export { prewarmSift } from './sift.ts'
export { weightOf } from './quota.ts'
export type { Device, Persons } from './persons.ts'
export type { Versions } from './versions.ts'
