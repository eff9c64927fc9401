import { fingerprintOf, type Dtls } from '../../crypto/index.ts'

/** what a pairing's data channel runs over: enough of an RTCPeerConnection to read both descriptions */
export interface Connection {
  localDescription: { sdp: string } | null
  remoteDescription: { sdp: string } | null
}

// a data channel does not name its connection; pairing says which one it opened it on
const connections = new WeakMap<object, Connection>()

export const rememberConnection = <C extends object>(channel: C, pc: Connection): C => {
  connections.set(channel, pc)
  return channel
}

export const connectionOf = (channel: object): Connection | undefined => connections.get(channel)

/** both fingerprints as this side sees them; empty strings where a description is missing */
export const dtlsOf = (pc: Connection | undefined): Dtls => ({
  mine: fingerprintOf(pc?.localDescription?.sdp),
  theirs: fingerprintOf(pc?.remoteDescription?.sdp),
})
