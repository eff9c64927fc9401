/**
 * The records of one invitation (its versions, answers or comments), by key. Most invitations in a large room
 * hold one record: a Map for each of 10,000 of them cost about 170 bytes apiece, so the first record sits in two
 * fields and a Map is made only for a second.
 */
export interface Versions<T> extends ReadonlyMap<string, T> {}

class Few<T> implements Versions<T> {
  private key: string | undefined
  private value: T | undefined
  private more: Map<string, T> | undefined

  get size() { return this.more ? this.more.size : this.key === undefined ? 0 : 1 }
  get(key: string) { return this.more ? this.more.get(key) : key === this.key ? this.value : undefined }
  has(key: string) { return this.more ? this.more.has(key) : key === this.key }
  set(key: string, value: T) {
    if (this.more) this.more.set(key, value)
    else if (this.key === undefined || this.key === key) (this.key = key), (this.value = value)
    else {
      this.more = new Map([[this.key, this.value as T], [key, value]])
      this.key = this.value = undefined
    }
  }
  delete(key: string) {
    if (this.more) return this.more.delete(key)
    if (key !== this.key) return false
    this.key = this.value = undefined
    return true
  }
  *entries(): MapIterator<[string, T]> {
    if (this.more) yield* this.more.entries()
    else if (this.key !== undefined) yield [this.key, this.value as T]
  }
  *keys(): MapIterator<string> { for (const [k] of this.entries()) yield k }
  *values(): MapIterator<T> {
    if (this.more) yield* this.more.values()
    else if (this.key !== undefined) yield this.value as T
  }
  [Symbol.iterator]() { return this.entries() }
  forEach(f: (value: T, key: string, map: ReadonlyMap<string, T>) => void) { for (const [k, v] of this.entries()) f(v, k, this) }
}

/** puts `value` at `key` in the group `id`, making the group if it is new */
export const group = <T>(index: Map<string, Versions<T>>, id: string, key: string, value: T) => {
  let m = index.get(id) as Few<T> | undefined
  if (!m) index.set(id, (m = new Few<T>()))
  m.set(key, value)
}

export const ungroup = <T>(index: Map<string, Versions<T>>, id: string, key: string) => (index.get(id) as Few<T> | undefined)?.delete(key)
