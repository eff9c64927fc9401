/** A token bucket: `rate` tokens per second, holding at most `burst`. */
export const bucket = (rate: number, burst: number) => {
  let tokens = burst
  let at = Date.now()
  const refill = () => {
    const now = Date.now()
    tokens = Math.min(burst, tokens + ((now - at) / 1000) * rate)
    at = now
  }
  return {
    take() {
      refill()
      if (tokens < 1) return false
      tokens -= 1
      return true
    },
    full() {
      refill()
      return tokens >= burst
    },
  }
}
