import { mark } from '../guard/index.ts'

/** what simple-peer keeps of one connection that the timeline reads */
interface SimplePeer {
  _pc?: RTCPeerConnection
  on: (event: string, f: (...a: any[]) => void) => void
}

/**
 * Marks a y-webrtc connection's steps on this page's performance timeline (the bench reads both sides'): the
 * signals sent, the candidates gathered, ICE, DTLS and simple-peer's connect. Marks only; nothing waits on them.
 */
export const markPeer = (peer: SimplePeer) => {
  const pc = peer._pc
  let sent = 0
  peer.on('signal', (s: { type?: string; candidate?: { candidate?: string } }) => {
    if (s.type === 'candidate') {
      if (!sent++) mark(`rtc-candidate-out ${/ typ (\w+)/.exec(s.candidate?.candidate ?? '')?.[1] ?? '?'}`)
    } else mark(`rtc-${s.type}-out`)
  })
  peer.on('connect', () => mark(`rtc-connect (${sent} candidates out)`))
  if (!pc) return
  if (pc.remoteDescription) mark(`rtc-${pc.remoteDescription.type}-in`)
  pc.addEventListener('signalingstatechange', () => {
    if (pc.signalingState === 'stable' && pc.remoteDescription?.type === 'answer') mark('rtc-answer-in')
  })
  pc.addEventListener('icegatheringstatechange', () => mark(`rtc-gathering-${pc.iceGatheringState}`))
  pc.addEventListener('iceconnectionstatechange', () => mark(`rtc-ice-${pc.iceConnectionState}`))
  pc.addEventListener('connectionstatechange', () => mark(`rtc-${pc.connectionState}`))
}
