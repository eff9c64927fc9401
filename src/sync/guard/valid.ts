import { verify, verifyNow } from '../../identity/index.ts'
import { canonical, checkShape } from '../../model/index.ts'

/**
 * Whether a value is a signed record that belongs at its key, checked at once. Only for the rare conflicts the guard
 * must settle while it cleans an update (about 2 ms each), so verdicts are kept per value object and each update
 * gets a small budget: past it, a value is taken for what its shape says (see guard.ts for why that is safe).
 */
const verdicts = new WeakMap<object, boolean>()

export type Budget = { left: number }
export const BUDGET_PER_UPDATE = 64

export const validNow = (key: string, value: unknown, budget: Budget): boolean => {
  if (!value || typeof value !== 'object') return false
  const known = verdicts.get(value)
  if (known !== undefined) return known
  const record = checkShape(key, value)
  if (!record) { verdicts.set(value, false); return false }
  if (budget.left <= 0) return true
  budget.left--
  // the same rule as the ledger's verify (crypto/ed25519.ts), so the guard and the ledger never disagree
  const ok = verifyNow(record.by, canonical(record), record.sig)
  verdicts.set(value, ok)
  return ok
}

/** The same check off the main path (WebCrypto), for repairs. */
export const validLater = async (key: string, value: unknown): Promise<boolean> => {
  if (!value || typeof value !== 'object') return false
  const known = verdicts.get(value)
  if (known !== undefined) return known
  const record = checkShape(key, value)
  const ok = !!record && (await verify(record.by, canonical(record), record.sig))
  verdicts.set(value, ok)
  return ok
}

export const remember = (value: unknown, ok: boolean) => {
  if (value && typeof value === 'object') verdicts.set(value, ok)
}
