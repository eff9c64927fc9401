import * as sync from '../../sync/index.ts'
import type { Problem } from '../i18n/index.ts'
import { reopenRooms } from './rooms.ts'
import { model, open, setNameSignal, setRelaySignal, setSignalingSignal } from './state.ts'

/** This device's name, given to every open room. */
export const chooseName = (value: string): Problem | null => {
  const trimmed = value.trim()
  if (!trimmed) return { code: 'choose-name' }
  if (trimmed.length > 80) return { code: 'at-most', what: 'name', max: 80 }
  sync.setDeviceName(trimmed)
  setNameSignal(trimmed)
  for (const { s } of open.values()) void model?.commands.setName(s.room, trimmed)
  return null
}

/** Changes where this device looks for peers; open rooms reconnect with the new list. */
export const setSignaling = async (urls: string[]): Promise<Problem | null> => {
  for (const url of urls) {
    const err = sync.checkSignalingUrl(url)
    if (err) return err
  }
  const unique = [...new Set(urls.map((u) => u.trim()))]
  sync.setSignalingServers(unique)
  setSignalingSignal(unique)
  await reopenRooms()
  return null
}

/** Points this device at another relay, or none (null); open rooms reconnect. */
export const setRelay = async (url: string | null): Promise<Problem | null> => {
  const value = url?.trim() || null
  if (value) {
    const err = sync.checkRelayUrl(value)
    if (err) return err
  }
  sync.setRelayServer(value)
  setRelaySignal(value)
  await reopenRooms()
  return null
}
