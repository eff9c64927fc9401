import { createIdentity, identityFromPair, type Identity } from './keys.ts'

/** Where a device keeps its key pair. Swappable: IndexedDB in the browser, memory in tests. */
export interface KeyStore {
  load(): Promise<CryptoKeyPair | null>
  save(pair: CryptoKeyPair): Promise<void>
}

export const memoryKeyStore = (): KeyStore => {
  let pair: CryptoKeyPair | null = null
  return { load: async () => pair, save: async (p) => { pair = p } }
}

const DB = 'hearth-identity'
const STORE = 'keys'

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })

const openDb = (): Promise<IDBDatabase> => {
  const req = indexedDB.open(DB, 1)
  req.onupgradeneeded = () => req.result.createObjectStore(STORE)
  return request(req)
}

/** CryptoKeys are structured-cloneable, so the non-extractable private key goes into IndexedDB as is. */
export const indexedDbKeyStore = (): KeyStore => ({
  async load() {
    const db = await openDb()
    try {
      return ((await request(db.transaction(STORE).objectStore(STORE).get('device'))) as CryptoKeyPair) ?? null
    } finally {
      db.close()
    }
  },
  async save(pair) {
    const db = await openDb()
    try {
      const tx = db.transaction(STORE, 'readwrite')
      tx.objectStore(STORE).put(pair, 'device')
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      })
    } finally {
      db.close()
    }
  },
})

/** The device's identity: loaded from the store, or made once and saved. */
export const loadIdentity = async (store: KeyStore): Promise<Identity> => {
  const saved = await store.load()
  if (saved) return identityFromPair(saved)
  const identity = await createIdentity()
  await store.save({ publicKey: identity.publicKey, privateKey: identity.privateKey })
  return identity
}
