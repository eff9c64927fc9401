import { numbersFromEnv } from './env.ts'

const KiB = 1024

/** Every bound signaling enforces. Each has a SIGNAL_* environment variable (see SIGNAL_ENV). */
export interface SignalLimits {
  /** largest message; past it `ws` closes the socket with 1009 */
  maxPayload: number
  topicsPerSocket: number
  /** distinct topics subscribed by all sockets of one remote address */
  topicsPerAddress: number
  socketsPerAddress: number
  /** messages per second per socket, refilling a bucket of `burst`; past it they are dropped */
  rate: number
  burst: number
  pingMs: number
  /** a socket whose unsent output passes this is a reader that can't keep up: it is dropped */
  maxBuffered: number
}

// generous: a whole gathering's phones may share one address behind a NAT, and a phone
// joining a busy room answers every peer's offer and ICE candidates at once
export const DEFAULT_LIMITS: SignalLimits = {
  maxPayload: 64 * KiB,
  topicsPerSocket: 64,
  topicsPerAddress: 4096,
  socketsPerAddress: 256,
  rate: 50,
  burst: 500,
  pingMs: 30_000,
  maxBuffered: 4 * 1024 * KiB,
}

export const SIGNAL_ENV: Record<keyof SignalLimits, string> = {
  maxPayload: 'SIGNAL_MAX_PAYLOAD',
  topicsPerSocket: 'SIGNAL_TOPICS_PER_SOCKET',
  topicsPerAddress: 'SIGNAL_TOPICS_PER_ADDRESS',
  socketsPerAddress: 'SIGNAL_SOCKETS_PER_ADDRESS',
  rate: 'SIGNAL_RATE',
  burst: 'SIGNAL_BURST',
  pingMs: 'SIGNAL_PING_MS',
  maxBuffered: 'SIGNAL_MAX_BUFFERED',
}

/** The defaults, with any SIGNAL_* variable in `env` in place of its default. */
export const signalLimitsFromEnv = (env: NodeJS.ProcessEnv): SignalLimits => numbersFromEnv(DEFAULT_LIMITS, SIGNAL_ENV, env)
