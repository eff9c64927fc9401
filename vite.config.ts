import { fileURLToPath } from 'node:url'
import { VitePWA } from 'vite-plugin-pwa'
import solid from 'vite-plugin-solid'
import { build as viteBuild, type Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import { firstPaint } from './scripts/first-paint.ts'

/**
 * The service worker's push handler (src/sync/push/sw.ts) as one classic script, push-sw.js, which the generated
 * worker loads with importScripts: it opens a push with the room key and shows the notification.
 */
const pushWorker: Plugin = {
  name: 'hearth-push-worker',
  apply: 'build',
  async generateBundle() {
    const out = await viteBuild({
      configFile: false, logLevel: 'warn', publicDir: false,
      build: {
        write: false, target: 'es2022', minify: true, sourcemap: false, emptyOutDir: false,
        lib: { entry: fileURLToPath(new URL('./src/sync/push/sw.ts', import.meta.url)), formats: ['iife'], name: 'hearthPush', fileName: () => 'push-sw.js' },
      },
    })
    const output = (Array.isArray(out) ? out[0] : out as { output: unknown[] }).output as { type: string; code?: string }[]
    this.emitFile({ type: 'asset', fileName: 'push-sw.js', source: output.find((o) => o.type === 'chunk')!.code! })
  },
}

const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  includeAssets: ['icon.svg', 'apple-touch-icon.png'],
  manifest: {
    name: 'Hearth',
    short_name: 'Hearth',
    description: 'Invitations for your community, shared phone to phone: projects, events and proposals decided by consent.',
    // relative, so the same build works under npm start and under any static host sub-path
    start_url: './',
    scope: './',
    id: './',
    display: 'standalone',
    orientation: 'portrait',
    theme_color: '#b4441c',
    background_color: '#fbf7f2',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    navigateFallback: 'index.html',
    // a calendar feed opened in this browser is the .ics, not the app
    navigateFallbackDenylist: [/\/signal$/, /\/relay$/, /\/feed\/[^/]*\.ics$/],
    cleanupOutdatedCaches: true,
    // the first install takes the open page at once; later versions wait for "Reload to update"
    clientsClaim: true,
    importScripts: ['push-sw.js'],
  },
})

export default defineConfig({
  // relative asset paths, so a build works from any static sub-path
  base: './',
  publicDir: 'src/ui/public',
  plugins: process.env.VITEST ? [] : [solid(), pushWorker, pwa, firstPaint()],
  // every sync message from a WebRTC peer goes through the update guard (src/sync/peers/guarded-sync.ts)
  resolve: { alias: [{ find: /^y-protocols\/sync$/, replacement: fileURLToPath(new URL('./src/sync/peers/guarded-sync.ts', import.meta.url)) }] },
  build: {
    target: 'es2022',
    sourcemap: true,
    // the first screen's size (scripts/first-screen.ts) is read from the build; npm test keeps it in budget
    manifest: true,
    rolldownOptions: {
      // the doors of these folders only re-export plain functions: a chunk that needs one function from a door
      // then takes only that function's file, so the home screen does not pull in Ed25519 with the vault (nor,
      // with sync/link.ts, the hashing of a room's id)
      treeshake: { moduleSideEffects: (id: string) => !/\/src\/(crypto|identity)\/(?!.*worker)|\/src\/sync\/link\.ts$/.test(id) },
      // Ed25519 in JavaScript (about 14 KB gz) is for checking others' signatures, in a room, and SHA-256 and HKDF
      // (about 6 KB) for a room's keys and ids: each its own chunk, so that it is never merged into one the home
      // screen loads (the base64 the home screen needs was merged with the hashing)
      output: { codeSplitting: { groups: [
        { name: 'curve', test: /@noble[\\/]curves|src[\\/]crypto[\\/](ed25519|keys|index)\.ts/, includeDependenciesRecursively: false },
        { name: 'hashes', test: /@noble[\\/]hashes|src[\\/]crypto[\\/](ids|hash)\.ts/, includeDependenciesRecursively: false },
      ] } },
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
})
