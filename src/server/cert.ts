import { createPrivateKey, X509Certificate } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { hostname, networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'

const DAY = 86_400_000
/** renewed this long before it expires, so a gathering never meets an expired certificate */
const RENEW_BEFORE = 30 * DAY
const VALID_FOR = 365 * DAY

export interface Names { hosts: string[]; ips: string[] }

/** Every name a phone may reach this machine by: localhost, its hostname (and .local, for mDNS), and each address it has. */
export const machineNames = (): Names => {
  // a hostname that isn't a DNS name (an underscore, a space) can't be named, and would renew on every start
  const host = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(hostname()) ? hostname() : 'localhost'
  const lan = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal).map((a) => a!.address)
  return { hosts: [...new Set(['localhost', host, `${host}.local`])], ips: [...new Set(['127.0.0.1', '::1', ...lan])] }
}

/** why the pair needs replacing at `now`, or null when it names every name and has a month left */
const staleness = (keyPem: string, certPem: string, names: Names, now: number): string | null => {
  let c: X509Certificate
  try {
    c = new X509Certificate(certPem)
    if (!c.checkPrivateKey(createPrivateKey(keyPem))) return 'key does not match'
  } catch {
    return 'unreadable'
  }
  if (Date.parse(c.validTo) - now < RENEW_BEFORE) return 'expiring'
  if (Date.parse(c.validFrom) > now + DAY) return 'not yet valid'
  const missing = [...names.hosts.filter((h) => !c.checkHost(h, { wildcards: false })), ...names.ips.filter((ip) => !c.checkIP(ip))]
  return missing.length ? `does not name ${missing.join(', ')}` : null
}

const make = (names: Names, now: number) => generate([{ name: 'commonName', value: names.hosts[0] ?? 'localhost' }], {
  keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
  notBeforeDate: new Date(now - DAY), notAfterDate: new Date(now + VALID_FOR),
  extensions: [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...names.hosts.map((value) => ({ type: 2 as const, value })), ...names.ips.map((ip) => ({ type: 7 as const, ip }))] },
  ],
})

/** written whole under a temporary name first, so a crash never leaves half a key; created owner-only */
const writePrivate = (file: string, text: string) => {
  const part = `${file}.${process.pid}.part`
  writeFileSync(part, text, { mode: 0o600 })
  chmodSync(part, 0o600)
  renameSync(part, file)
}

/**
 * The --https certificate kept in `dir`: made when missing or unreadable, and made again when it expires
 * within 30 days or no longer names every name this machine has. The key is readable by its owner only.
 */
export const certificate = async (dir: string, opts: { names?: Names; now?: number } = {}) => {
  const names = opts.names ?? machineNames()
  const now = opts.now ?? Date.now()
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
  const why = existsSync(keyFile) && existsSync(certFile) ? staleness(readFileSync(keyFile, 'utf8'), readFileSync(certFile, 'utf8'), names, now) : 'missing'
  if (why) {
    const pems = await make(names, now)
    writePrivate(keyFile, pems.private)
    writePrivate(certFile, pems.cert)
  } else chmodSync(keyFile, 0o600)
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), renewed: why !== null, why }
}
