import { fromBase64url, toBase64url } from './encoding.ts'

/**
 * Seals small secrets at rest (room secrets in localStorage) with a non-extractable AES-GCM key that never
 * leaves this browser's IndexedDB: a copy of localStorage alone (a backup, an extension, a shared profile dump)
 * gives no room keys.
 */
const DB = 'hearth-vault'
const STORE = 'keys'

const request = <T>(req: IDBRequest<T>): Promise<T> => new Promise((ok, fail) => {
  req.onsuccess = () => ok(req.result)
  req.onerror = () => fail(req.error)
})

let key: Promise<CryptoKey> | null = null

const loadKey = async (): Promise<CryptoKey> => {
  const open = indexedDB.open(DB, 1)
  open.onupgradeneeded = () => open.result.createObjectStore(STORE)
  const db = await request(open)
  try {
    const found = (await request(db.transaction(STORE).objectStore(STORE).get('wrap'))) as CryptoKey | undefined
    if (found) return found
    const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
    // add, not put: if another tab made one first, theirs wins and we read it back
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).add(made, 'wrap')).catch(() => {})
    return ((await request(db.transaction(STORE).objectStore(STORE).get('wrap'))) as CryptoKey | undefined) ?? made
  } finally {
    db.close()
  }
}

const vaultKey = () => {
  key ??= loadKey().catch((e) => { key = null; throw e })
  return key
}

export const sealAtRest = async (text: string): Promise<string> => {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const box = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await vaultKey(), new TextEncoder().encode(text)))
  return `${toBase64url(iv)}.${toBase64url(box)}`
}

/** null when the text was not sealed by this browser's vault (another profile, or damaged) */
export const openAtRest = async (sealed: string): Promise<string | null> => {
  const [iv, box] = sealed.split('.').map((p) => fromBase64url(p ?? ''))
  if (!iv || !box || iv.length !== 12) return null
  try {
    return new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, await vaultKey(), box as Uint8Array<ArrayBuffer>))
  } catch {
    return null
  }
}
