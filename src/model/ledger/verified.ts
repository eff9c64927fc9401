import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * The Yjs item ids whose record this device has already checked and found valid.
 * A Yjs item id never changes content in a document, so a record the local store holds
 * under a verified id needs no second signature check on the next start.
 */
export interface VerifiedIds {
  has(client: number, clock: number): boolean
  add(client: number, clock: number): void
  size(): number
  encode(): Uint8Array
}

export const verifiedIds = (bytes?: Uint8Array): VerifiedIds => {
  const clients = new Map<number, Set<number>>()
  let count = 0
  const add = (client: number, clock: number) => {
    let set = clients.get(client)
    if (!set) clients.set(client, (set = new Set()))
    if (!set.has(clock)) { set.add(clock); count++ }
  }
  if (bytes) {
    try {
      const d = decoding.createDecoder(bytes)
      for (let n = decoding.readVarUint(d); n > 0; n--) {
        const client = decoding.readVarUint(d)
        let clock = 0
        for (let k = decoding.readVarUint(d); k > 0; k--) add(client, (clock += decoding.readVarUint(d)))
      }
    } catch {
      // a damaged cache only costs a re-verification
      clients.clear()
      count = 0
    }
  }
  return {
    has: (client, clock) => clients.get(client)?.has(clock) ?? false,
    add,
    size: () => count,
    encode() {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, clients.size)
      for (const [client, set] of clients) {
        encoding.writeVarUint(e, client)
        encoding.writeVarUint(e, set.size)
        let prev = 0
        for (const clock of [...set].sort((a, b) => a - b)) {
          encoding.writeVarUint(e, clock - prev)
          prev = clock
        }
      }
      return encoding.toUint8Array(e)
    },
  }
}
