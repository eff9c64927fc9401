import { afterEach, describe, expect, it } from 'vitest'
import { fingerprintOf } from '../../../../src/crypto/index.ts'
import { decodePayload, encodePayload, makeOffer } from '../../../../src/sync/peers/pairing/index.ts'
import { connectionOf, dtlsOf } from '../../../../src/sync/peers/dtls.ts'

const fp = (n: number) => Array.from({ length: 32 }, (_, i) => ((i * 3 + n) & 255).toString(16).padStart(2, '0').toUpperCase()).join(':')
const sdp = (n: number, setup: string) => [
  'v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0',
  `a=candidate:1 1 udp 2122260223 192.0.2.${n} 5000${n} typ host generation 0`,
  `a=ice-ufrag:uf${n}x`, `a=ice-pwd:${'p'.repeat(22)}${n}`, `a=fingerprint:sha-256 ${fp(n)}`, `a=setup:${setup}`, 'a=mid:0', '',
].join('\r\n')

class FakeChannel extends EventTarget {
  readyState = 'connecting'
  label = 'hearth'
  binaryType = 'arraybuffer'
  bufferedAmount = 0
  bufferedAmountLowThreshold = 0
  onmessage = null
  send() {}
  close() { this.readyState = 'closed' }
}

/**
 * A browser whose data channel opens before setRemoteDescription reads back: Chromium tells the channel's state from
 * its network thread and the description from its signaling thread, and under load the open event can come first.
 */
class LateBrowser extends EventTarget {
  localDescription: RTCSessionDescriptionInit | null = null
  remoteDescription: RTCSessionDescriptionInit | null = null
  iceGatheringState = 'complete'
  signalingState = 'stable'
  connectionState = 'new'
  channel = new FakeChannel()
  createDataChannel() { return this.channel }
  async createOffer() { return { type: 'offer', sdp: sdp(1, 'actpass') } }
  async setLocalDescription(d: RTCSessionDescriptionInit) { this.localDescription = d; this.signalingState = 'have-local-offer' }
  setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.channel.readyState = 'open'
    this.channel.dispatchEvent(new Event('open'))
    return new Promise<void>((resolve) => setTimeout(() => { this.remoteDescription = d; this.signalingState = 'stable'; resolve() }, 20))
  }
  close() {}
}

const real = (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection
afterEach(() => { (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection = real })

describe('a pairing’s channel', () => {
  it('knows both certificates of its connection as soon as it opens, even before the browser reads back the answer it was given', async () => {
    ;(globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection = LateBrowser
    const offer = await makeOffer({ id: 'C'.repeat(21), secret: 'k'.repeat(32), name: 'Field day' })
    const d = decodePayload(toLink(offer.bytes))
    if (!d.ok) throw new Error('offer unreadable')
    const answer = encodePayload({ kind: 'answer', pairId: d.payload.pairId, sdp: '' }, sdp(2, 'active'))
    const accepted = offer.accept(toLink(answer))
    const channel = await offer.connected
    // what the hello signs, read as the channel opens: the answer's certificate must be there
    expect(dtlsOf(connectionOf(channel))).toEqual({ mine: fingerprintOf(sdp(1, 'actpass')), theirs: fingerprintOf(sdp(2, 'active')) })
    expect(await accepted).toBeNull()
  })
})

const toLink = (bytes: Uint8Array) => `https://hearth.example/#/pair/${Buffer.from(bytes).toString('base64url')}`
