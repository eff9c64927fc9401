import type { Problem } from '../i18n/index.ts'

/** How long the phone at the other end has to prove who it is once the channel opens: its challenge is resent for 20 s (direct.ts) */
export const PROVE_MS = 20_000

/** The paired link as the session keeps it (direct.ts): the member it proved, once it has */
export interface Hello {
  member: () => string | null
  close: () => void
}

export interface HelloWatch {
  /** a chunked channel (chunked.ts): it has no listeners of its own, and its onclose is the link's */
  channel: Pick<RTCDataChannel, 'readyState'>
  /** the room's status: it changes when the link proves its member or closes (direct.ts says both) */
  subscribe: (listener: () => void) => () => void
  proven: (member: string) => void
  lost: (problem: Problem) => void
  ms?: number
}

/**
 * An open channel is not yet a paired phone: nothing syncs until its signed hello is checked. This says `proven` once
 * it is, and `lost` if it never comes (the link is then closed: it could carry nothing) or the channel closes, before
 * or after. Returns a stop for a pairing that is given up.
 */
export const watchHello = (link: Hello, w: HelloWatch): (() => void) => {
  let member: string | null = null
  const look = () => {
    if (w.channel.readyState === 'closing' || w.channel.readyState === 'closed') return lose({ code: 'pair-closed' })
    const m = link.member()
    if (m && !member) {
      member = m
      clearTimeout(timer)
      w.proven(m)
    }
  }
  const stop = () => {
    clearTimeout(timer)
    unsubscribe()
  }
  const lose = (problem: Problem) => {
    stop()
    w.lost(problem)
  }
  const timer = setTimeout(() => {
    if (member) return
    lose({ code: 'pair-not-proven' })
    link.close()
  }, w.ms ?? PROVE_MS)
  const unsubscribe = w.subscribe(look)
  look()
  return stop
}
