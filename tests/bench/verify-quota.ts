import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { openQuota } from '../../src/model/ledger/quota.ts'
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
for (const a of [1, 50]) {
  const doc = new Y.Doc(); Y.applyUpdate(doc, new Uint8Array(readFileSync(`/tmp/hearth-model-profile-10000-${a}.bin`)))
  const entries = [...(doc.getMap('records') as any)._map].map(([k, item]: any) => [k, item.content.getContent()[0]])
  const runs: string[] = []
  for (let r = 0; r < 6; r++) { const q = openQuota(); const t = cpu(); for (const [k, v] of entries) q.admit(k, v); runs.push((cpu() - t).toFixed(1)) }
  console.log(`quota admit 10k, ${a} authors: ${runs.join(' ')} ms cpu`)
}
