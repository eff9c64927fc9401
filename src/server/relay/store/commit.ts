import type { ClassicLevel } from 'classic-level'

export type Op = { type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string }

interface Job { topic: string; ops: Op[]; resolve: () => void; reject: (e: unknown) => void }

type Batch = ReturnType<ClassicLevel<string, Uint8Array>['batch']>
const add = (batch: Batch, ops: Op[]) => {
  for (const op of ops) {
    if (op.type === 'put') batch.put(op.key, op.value)
    else batch.del(op.key)
  }
}

/** What a batch adds for the topics it touches (their meta), and what to do once it is on disk. */
export type Seal = (topics: Set<string>) => { ops: Op[]; durable: () => void }

/**
 * Group commit: one synced batch is on its way to disk at a time, and every write queued meanwhile goes
 * into the next one. An fsync costs the same for one entry or a thousand.
 */
export const groupCommit = (db: ClassicLevel<string, Uint8Array>, seal: Seal) => {
  let queue: Job[] = []
  let running: Promise<void> | null = null

  const run = async () => {
    while (queue.length) {
      const jobs = queue
      queue = []
      const tail = seal(new Set(jobs.map((j) => j.topic)))
      try {
        // a chained batch hands each op to LevelDB as it comes; an array batch clones and checks every op first
        const batch = db.batch()
        for (const j of jobs) add(batch, j.ops)
        add(batch, tail.ops)
        await batch.write({ sync: true })
      } catch (e) {
        for (const j of jobs) j.reject(e)
        continue
      }
      tail.durable()
      for (const j of jobs) j.resolve()
    }
    running = null
  }

  return {
    write: (topic: string, ops: Op[]) => new Promise<void>((resolve, reject) => {
      queue.push({ topic, ops, resolve, reject })
      // the first write of a tick waits for the tick's other writes (every socket read so far), so they share its fsync
      running ??= new Promise<void>((ok) => setImmediate(ok)).then(run)
    }),
    idle: () => running ?? Promise.resolve(),
  }
}
