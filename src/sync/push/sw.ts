import { listen } from './worker.ts'

// built on its own (vite.config.ts, push-sw.js) and loaded into the generated service worker by importScripts
listen(self as never)
