/**
 * Local listeners by channel. `first`/`last` tell a backend when a channel gains its first listener or loses its
 * last one (Redis subscribes and unsubscribes then). A listener that throws can't stop the others.
 */
export class Hub<T> {
  private channels = new Map<string, Set<(message: T) => void>>()

  constructor(private hooks: { first?: (channel: string) => void; last?: (channel: string) => void } = {}) {}

  add(channel: string, listener: (message: T) => void): () => void {
    let set = this.channels.get(channel)
    if (!set) {
      this.channels.set(channel, (set = new Set()))
      this.hooks.first?.(channel)
    }
    // the same function may listen twice; each registration is its own
    const own = (message: T) => listener(message)
    set.add(own)
    return () => {
      const current = this.channels.get(channel)
      if (!current?.delete(own) || current.size) return
      this.channels.delete(channel)
      this.hooks.last?.(channel)
    }
  }

  emit(channel: string, message: T) {
    const set = this.channels.get(channel)
    if (!set) return
    // a copy only when a listener could change the set under the loop; a room has one listener on this instance
    for (const listener of set.size === 1 ? set : [...set]) {
      try { listener(message) } catch (e) { console.error('relay: a listener failed:', (e as Error).message) }
    }
  }

  has(channel: string) { return this.channels.has(channel) }

  channelNames() { return [...this.channels.keys()] }
}
