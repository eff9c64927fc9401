import { boxKeysFrom, fromBase64url, newBoxKeys, openAtRest, sealAtRest, toBase64url, type BoxKeys } from '../../crypto/index.ts'

/**
 * This device's lockbox key (X25519): made once, its private half kept in localStorage sealed by the browser's vault
 * (the same at-rest sealing as room secrets), so a copy of localStorage alone opens no lockbox.
 */
const KEY = 'hearth-box'
let loading: Promise<BoxKeys> | null = null

const load = async (): Promise<BoxKeys> => {
  const stored = localStorage.getItem(KEY)
  const opened = stored && (await openAtRest(stored).catch(() => null))
  const raw = opened ? fromBase64url(opened) : null
  if (raw && raw.length === 32) return boxKeysFrom(raw)
  const made = newBoxKeys()
  try {
    localStorage.setItem(KEY, await sealAtRest(toBase64url(made.secret)))
  } catch {
    // no vault in this browser: the key lives as long as the page, and a re-key reaches this device by link instead
  }
  return made
}

export const boxKeys = (): Promise<BoxKeys> => (loading ??= load().catch((e) => { loading = null; throw e }))
