/**
 * The QR code library (`qr`) writes the codes Hearth shows and reads them where the browser has no BarcodeDetector.
 * A pairing link is the densest code Hearth shows: here one is drawn as a phone's camera would see another's screen
 * (small, turned, soft, noisy, unevenly lit) and must read back exactly.
 */
import encodeQR from 'qr'
import decodeQR from 'qr/decode.js'
import { describe, expect, it } from 'vitest'
import { pairingLink } from '../../../src/sync/index.ts'

/** a fixed pseudo-random sequence, so the test reads the same frame every run */
const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)

/** The code's modules as a camera frame: `px` pixels per module, turned by `deg`, blurred, with noise and a shadow. */
const frame = (grid: boolean[][], opts: { px: number; deg: number; noise: number; width: number; height: number }) => {
  const { px, deg, noise, width, height } = opts
  const n = grid.length
  const rnd = random(7)
  const cos = Math.cos((deg * Math.PI) / 180), sin = Math.sin((deg * Math.PI) / 180)
  const cx = width / 2, cy = height / 2
  const lum = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // where this pixel falls on the code, in modules (the code centred, a white quiet zone around it)
      const dx = x - cx, dy = y - cy
      const u = (cos * dx + sin * dy) / px + n / 2
      const v = (-sin * dx + cos * dy) / px + n / 2
      const i = Math.floor(v), j = Math.floor(u)
      const dark = i >= 0 && j >= 0 && i < n && j < n && grid[i][j]
      lum[y * width + x] = dark ? 30 : 225
    }
  }
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // a 3×3 blur for focus, a shadow across the frame, and sensor noise
      let sum = 0, count = 0
      for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++)
        for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) { sum += lum[yy * width + xx]; count++ }
      const shade = 0.65 + 0.35 * (x / width)
      const value = (sum / count) * shade + (rnd() - 0.5) * 2 * noise
      const k = (y * width + x) * 4
      data[k] = data[k + 1] = data[k + 2] = value
      data[k + 3] = 255
    }
  }
  return { width, height, data }
}

describe('QR codes (the qr library)', () => {
  // a pairing payload is under 300 bytes (tests/unit/sync/peers/pairing.test.ts); this one is larger still
  const bytes = Uint8Array.from({ length: 320 }, (_, i) => (i * 151 + 17) & 255)
  const link = pairingLink(bytes, 'https://hearth.example/some/sub/path/#/')

  it('writes a dense pairing link as an SVG of one path, and reads it back from its own modules', () => {
    const svg = encodeQR(link, 'svg', { ecc: 'low', encoding: 'byte', border: 2 })
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/)
    const grid = encodeQR(link, 'raw', { ecc: 'low', encoding: 'byte' })
    expect(grid.length).toBeGreaterThan(70) // version 15 or more: a dense code
    expect(decodeQR(frame(grid, { px: 4, deg: 0, noise: 0, width: grid.length * 4 + 64, height: grid.length * 4 + 64 }))).toBe(link)
  })

  it('reads that dense code as a phone camera sees another screen: 640×480, small, turned, soft, noisy, in shadow', () => {
    const grid = encodeQR(link, 'raw', { ecc: 'low', encoding: 'byte' })
    for (const deg of [0, 8, -15]) {
      const image = frame(grid, { px: 4.3, deg, noise: 25, width: 640, height: 480 })
      expect(decodeQR(image), `turned ${deg}°`).toBe(link)
    }
  })

  it('says there is no code where there is none', () => {
    const blank = { width: 320, height: 240, data: new Uint8ClampedArray(320 * 240 * 4).fill(200) }
    expect(() => decodeQR(blank)).toThrow()
  })
})
