import { afterEach, describe, expect, it, vi } from 'vitest'
import { PROVE_MS, watchHello } from '../../../src/ui/actions/hello.ts'
import type { Problem } from '../../../src/ui/i18n/index.ts'

// a paired channel whose other phone proves itself (or not) when the test says
const paired = () => {
  const channel = { readyState: 'open' as RTCDataChannelState }
  const listeners = new Set<() => void>()
  // as the session does: the link's change (proven, closed) changes the room's status
  const changed = () => listeners.forEach((l) => l())
  let member: string | null = null
  const link = { member: () => member, close: vi.fn(() => { channel.readyState = 'closed'; changed() }) }
  const said: { proven: string[]; lost: Problem[] } = { proven: [], lost: [] }
  const stop = watchHello(link, {
    channel,
    subscribe: (l) => { listeners.add(l); return () => listeners.delete(l) },
    proven: (m) => said.proven.push(m),
    lost: (p) => said.lost.push(p),
  })
  return {
    said, link, stop,
    prove: (m: string) => { member = m; changed() },
    drop: () => { channel.readyState = 'closed'; changed() },
  }
}

describe('pairing: the screen says connected only once the other phone has proved who it is', () => {
  afterEach(() => vi.useRealTimers())

  it('an open channel is not a proven peer: nothing is said until the hello is checked, then who', () => {
    const p = paired()
    expect(p.said).toEqual({ proven: [], lost: [] })
    p.prove('ben')
    expect(p.said).toEqual({ proven: ['ben'], lost: [] })
    p.stop()
  })

  it('a hello that never comes fails the pairing and closes the link that could carry nothing', () => {
    vi.useFakeTimers()
    const p = paired()
    vi.advanceTimersByTime(PROVE_MS - 1)
    expect(p.said.lost).toEqual([])
    vi.advanceTimersByTime(1)
    expect(p.said).toEqual({ proven: [], lost: [{ code: 'pair-not-proven' }] })
    expect(p.link.close).toHaveBeenCalled()
  })

  it('a channel that closes, before or after the hello, is said to be lost, once', () => {
    vi.useFakeTimers()
    const before = paired()
    before.drop()
    expect(before.said).toEqual({ proven: [], lost: [{ code: 'pair-closed' }] })
    const after = paired()
    after.prove('ben')
    after.drop()
    vi.advanceTimersByTime(PROVE_MS)
    expect(after.said).toEqual({ proven: ['ben'], lost: [{ code: 'pair-closed' }] })
    expect(after.link.close).not.toHaveBeenCalled()
  })
})
