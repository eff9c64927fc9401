import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openEmbeddedFeeds } from '../../../../src/server/relay/feed/embedded.ts'

it('a stranger’s tiny feeds, grown later, stop at the store’s byte total', async () => {
  const store = await openEmbeddedFeeds(mkdtempSync(join(tmpdir(), 'feeds-')))
  const totals = { feeds: 100, bytes: 1000, revoked: 100 }
  const out: string[] = []
  for (let i = 0; i < 10; i++) out.push(await store.put(`feed${i}`, 'h', 'x', 1, totals))
  for (let i = 0; i < 10; i++) out.push(await store.put(`feed${i}`, 'h', 'y'.repeat(900), 2, totals))
  expect(out.filter((x) => x === 'replaced').length).toBeLessThanOrEqual(1)
  await store.close()
})
