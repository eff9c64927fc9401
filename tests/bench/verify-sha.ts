/** SHA-256 of record-sized texts: noble (with the UTF-8 copy) against sha256Text, alternating, CPU ms for 10,000. */
import { sha256, utf8 } from '../../src/crypto/index.ts'
import { sha256Text } from '../../src/crypto/sha256-text.ts'
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const texts = Array.from({ length: 10_000 }, (_, i) => `{"at":1796603234131,"by":"xrCPXAqFANIPmxHOf5JwUqGpc55pxH4bxOG3K7yKz04","c":{"end":${i},"online":false,"place":"The hall","plusOnes":0,"start":1796689633909,"text":"Bring a friend","title":"Gathering ${i}","tz":"UTC"},"id":"I-o6kwwz9NO5jpFrJ8wr4","kind":"event","nonce":"4rV9fJMP6_AFAGrdOHmlZ_","op":"create","seq":1796603234219,"t":"inv","v":1}i1m5Um2Ud3pDAOr6OiGllTiEYnhUBVk-0Z_1nn1-jktoesaqGV-s172gR97Mn8MxLRkirnZOoKiM1AgXgboNAQ`)
const ids = texts.map((_, i) => `xrCPXAqFANIPmxHOf5JwUqGpc55pxH4bxOG3K7yKz04:4rV9fJMP6_AFAGrdOHmlZ${i}:chained`)
for (let r = 0; r < 5; r++) {
  let t = cpu(); for (const s of texts) sha256(utf8(s)); const a = cpu() - t
  t = cpu(); for (const s of texts) sha256Text(s, 9); const b = cpu() - t
  t = cpu(); for (const s of ids) sha256(utf8(s)); const c = cpu() - t
  t = cpu(); for (const s of ids) sha256Text(s, 16); const d = cpu() - t
  console.log(`link text (${texts[0].length} chars): noble ${a.toFixed(1)}, sha256Text ${b.toFixed(1)} | id text: noble ${c.toFixed(1)}, sha256Text ${d.toFixed(1)}`)
}
