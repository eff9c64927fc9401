import type { DeviceRecord } from '../model/index.ts'

/**
 * Which person this device is, and the certificates that say so, kept in localStorage. A device that was never
 * linked is a person of its own (its key is the person id) and keeps nothing here. Each room this device opens gets
 * its certificates, so everyone there resolves it to its person.
 */
export interface PersonState { person: string; certs: DeviceRecord[] }

const KEY = 'hearth-person'

export const personState = (): PersonState | null => {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as PersonState | null
    return v && typeof v.person === 'string' && Array.isArray(v.certs) ? v : null
  } catch {
    return null
  }
}

export const setPersonState = (s: PersonState) => localStorage.setItem(KEY, JSON.stringify(s))

/** Adds certificates this device learnt (one it signed for a new device, say), once each. */
export const addCertificates = (person: string, certs: DeviceRecord[]) => {
  const s = personState() ?? { person, certs: [] }
  for (const c of certs) if (!s.certs.some((k) => k.sig === c.sig)) s.certs.push(c)
  setPersonState({ person: s.person, certs: s.certs })
}
