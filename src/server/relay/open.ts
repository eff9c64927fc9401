import { resolve } from 'node:path'
import { limitsFromEnv, type RelayLimits } from './limits.ts'
import { openEmbedded, openRedis, type RelayStore } from './store/index.ts'

export interface OpenedStore {
  store: RelayStore
  limits: RelayLimits
  /** what the start-up line says: never the Redis URL, which may hold a password */
  label: string
  /** other instances share it, so signaling should use its pub/sub too */
  shared: boolean
}

/** Redis when REDIS_URL is set (keys under REDIS_PREFIX, default "hearth:"), else LevelDB in HEARTH_DATA (default ./data). */
export const openStore = async (env: NodeJS.ProcessEnv): Promise<OpenedStore> => {
  const limits = limitsFromEnv(env)
  if (env.REDIS_URL) {
    const store = await openRedis(env.REDIS_URL, limits, env.REDIS_PREFIX || 'hearth:')
    return { store, limits, label: 'redis', shared: true }
  }
  const dir = resolve(env.HEARTH_DATA || 'data')
  return { store: await openEmbedded(dir, limits), limits, label: `embedded at ${dir}`, shared: false }
}
