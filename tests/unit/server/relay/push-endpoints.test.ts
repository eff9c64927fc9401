import { describe, expect, it } from 'vitest'
import { endpointAllowed } from '../../../../src/server/relay/push/sender.ts'

// a stranger can make a room of their own and subscribe whatever they like: the relay must not post to it
describe('the push endpoints a relay sends to', () => {
  it('are the browsers’ push services, over https', () => {
    for (const ok of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://web.push.apple.com/QGu0aX',
      'https://wns2-by3p.notify.windows.com/w/?token=x',
    ]) expect(endpointAllowed(ok), ok).toBe(true)
  })

  it('never another site, an address on the relay’s own network, a port, or credentials', () => {
    for (const bad of [
      'https://example.org/hook', 'https://10.0.0.5/admin', 'https://127.0.0.1/', 'https://[::1]/', 'https://localhost/',
      'https://fcm.googleapis.com.evil.example/x', 'https://evilfcm.googleapis.com.example/x', 'https://fcm.googleapis.com:8443/x',
      'http://fcm.googleapis.com/x', 'https://user:pw@fcm.googleapis.com/x', 'not a url',
    ]) expect(endpointAllowed(bad), bad).toBe(false)
  })

  it('anything http(s) only when the relay is told it is under test (PUSH_INSECURE)', () => {
    expect(endpointAllowed('http://127.0.0.1:8090/push/1', true)).toBe(true)
    expect(endpointAllowed('ftp://127.0.0.1/x', true)).toBe(false)
  })
})
