import { X509Certificate } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname, networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { afterAll, describe, expect, it } from 'vitest'
import { certificate, machineNames } from '../../../src/server/cert.ts'
import { tempDir } from '../fixtures/relay.ts'

const DAY = 86_400_000
const dirs: string[] = []
const fresh = () => {
  const d = tempDir('certs')
  dirs.push(d)
  return join(d, '.certs')
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const mode = (path: string) => statSync(path).mode & 0o777
const x509 = (pem: Buffer | string) => new X509Certificate(pem)

describe('the --https certificate', () => {
  it('keeps its key readable by its owner only, in a directory only its owner can enter', async () => {
    const dir = fresh()
    await certificate(dir)
    expect(mode(dir)).toBe(0o700)
    expect(mode(join(dir, 'key.pem'))).toBe(0o600)
    // what an earlier version left world-readable is tightened
    chmodSync(dir, 0o755)
    chmodSync(join(dir, 'key.pem'), 0o644)
    await certificate(dir)
    expect(mode(dir)).toBe(0o700)
    expect(mode(join(dir, 'key.pem'))).toBe(0o600)
  })

  it("names localhost, 127.0.0.1, the machine's hostname and every address other phones can reach it on", async () => {
    const { cert, key } = await certificate(fresh())
    const c = x509(cert)
    for (const name of ['localhost', hostname(), `${hostname()}.local`]) expect(c.checkHost(name), name).toBeTruthy()
    expect(c.checkIP('127.0.0.1')).toBeTruthy()
    const lan = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal).map((a) => a!.address)
    for (const ip of lan) expect(c.checkIP(ip), ip).toBeTruthy()
    expect(c.checkHost('evil.example')).toBeUndefined()
    expect(c.checkPrivateKey(await import('node:crypto').then((m) => m.createPrivateKey(key)))).toBe(true)
  })

  it('keeps a certificate that is still good, and renews one that expires within 30 days', async () => {
    const dir = fresh()
    const first = await certificate(dir)
    const again = await certificate(dir)
    expect(again.renewed).toBe(false)
    expect(again.cert.equals(first.cert)).toBe(true)
    const expires = Date.parse(x509(first.cert).validTo)
    expect((await certificate(dir, { now: expires - 31 * DAY })).renewed).toBe(false)
    const late = await certificate(dir, { now: expires - 29 * DAY })
    expect(late.renewed).toBe(true)
    expect(Date.parse(x509(late.cert).validTo)).toBeGreaterThan(expires + 300 * DAY)
    expect(readFileSync(join(dir, 'cert.pem')).equals(late.cert)).toBe(true)
  })

  it('renews when the machine has an address the certificate does not name', async () => {
    const dir = fresh()
    const names = machineNames()
    await certificate(dir, { names })
    const moved = await certificate(dir, { names: { hosts: names.hosts, ips: [...names.ips, '10.9.8.7', 'fd12:3456::9'] } })
    expect(moved.renewed).toBe(true)
    expect(x509(moved.cert).checkIP('10.9.8.7')).toBeTruthy()
    expect(x509(moved.cert).checkIP('fd12:3456:0::9')).toBeTruthy()
    expect(mode(join(dir, 'key.pem'))).toBe(0o600)
  })

  it("replaces an earlier version's certificate (hearth.local only) and one it can't read", async () => {
    const dir = fresh()
    mkdirSync(dir, { recursive: true })
    const old = await generate([{ name: 'commonName', value: 'hearth.local' }], { keySize: 2048, algorithm: 'sha256' })
    writeFileSync(join(dir, 'key.pem'), old.private)
    writeFileSync(join(dir, 'cert.pem'), old.cert)
    const replaced = await certificate(dir)
    expect(replaced.renewed).toBe(true)
    expect(x509(replaced.cert).checkIP('127.0.0.1')).toBeTruthy()
    writeFileSync(join(dir, 'cert.pem'), 'not a certificate')
    expect((await certificate(dir)).renewed).toBe(true)
    rmSync(join(dir, 'key.pem'))
    expect((await certificate(dir)).renewed).toBe(true)
  })
})
