/**
 * The throughput driver's websocket client: RFC 6455 over a plain socket, only what the driver needs, and thin on the
 * receiving side. With ws as the client, ten sockets taking nine fan-out frames per push cost the driver nearly as much
 * CPU as the server under test, on the same two cores, so the driver set part of the pace. Here a message whose first
 * byte is `counted` (an Update) is counted where it lies, never copied or handed on; everything else is passed whole.
 */
import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

export interface ThinHandlers {
  open: () => void
  message: (data: Uint8Array) => void
  /** a message whose first byte was `counted` */
  counted: () => void
  error: (e: Error) => void
  close: (code: number) => void
}

// client frames must be masked; a zero mask leaves the payload as it is, so it is sent without a copy
const header = (opcode: number, length: number) => {
  if (length < 126) return Buffer.from([0x80 | opcode, 0x80 | length, 0, 0, 0, 0])
  const h = Buffer.alloc(length < 65536 ? 8 : 14)
  h[0] = 0x80 | opcode
  if (length < 65536) { h[1] = 0x80 | 126; h.writeUInt16BE(length, 2) }
  else { h[1] = 0x80 | 127; h.writeBigUInt64BE(BigInt(length), 2) }
  return h
}

export const thinSocket = (url: string, counted: number, on: ThinHandlers) => {
  const u = new URL(url)
  const socket: Socket = connect({ host: u.hostname, port: Number(u.port || 80) })
  socket.setNoDelay(true)
  let upgraded = false
  let rest: Buffer = Buffer.alloc(0)
  /** fragments of a message not yet finished */
  let parts: Buffer[] = []
  let closed = false

  const write = (opcode: number, data: Uint8Array) => {
    socket.cork()
    socket.write(header(opcode, data.length))
    if (data.length) socket.write(data)
    socket.uncork()
  }

  const frames = () => {
    let at = 0
    while (rest.length - at >= 2) {
      const b0 = rest[at]
      let length = rest[at + 1] & 0x7f
      let start = at + 2
      if (length === 126) {
        if (rest.length - at < 4) break
        length = rest.readUInt16BE(at + 2)
        start = at + 4
      } else if (length === 127) {
        if (rest.length - at < 10) break
        length = Number(rest.readBigUInt64BE(at + 2))
        start = at + 10
      }
      if (rest.length < start + length) break
      const payload = rest.subarray(start, start + length)
      at = start + length
      const opcode = b0 & 0x0f
      const fin = (b0 & 0x80) !== 0
      if (opcode === 0x2 && fin && payload[0] === counted) on.counted()
      else if (opcode === 0x2 || opcode === 0x0) {
        parts.push(payload)
        if (fin) {
          const whole = parts.length === 1 ? parts[0] : Buffer.concat(parts)
          parts = []
          on.message(new Uint8Array(whole.buffer, whole.byteOffset, whole.length))
        }
      } else if (opcode === 0x9) write(0xa, payload)
      else if (opcode === 0x8) {
        socket.end()
        return
      }
    }
    rest = rest.subarray(at)
  }

  socket.on('connect', () => {
    socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`)
  })
  socket.on('data', (chunk: Buffer) => {
    rest = rest.length ? Buffer.concat([rest, chunk]) : chunk
    if (!upgraded) {
      const end = rest.indexOf('\r\n\r\n')
      if (end < 0) return
      const status = rest.subarray(0, rest.indexOf('\r\n')).toString()
      if (!/^HTTP\/1\.1 101 /.test(status)) return void socket.destroy(new Error(`no upgrade: ${status}`))
      upgraded = true
      rest = rest.subarray(end + 4)
      on.open()
    }
    frames()
  })
  socket.on('error', (e) => on.error(e))
  socket.on('close', () => {
    closed = true
    on.close(1006)
  })

  return {
    get open() { return upgraded && !closed },
    send: (data: Uint8Array) => write(0x2, data),
    close: () => {
      if (closed) return
      write(0x8, Buffer.from([0x03, 0xe8]))
      socket.end()
    },
  }
}
