import { fileURLToPath } from 'node:url'
import { VitePWA } from 'vite-plugin-pwa'
import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'

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
    navigateFallbackDenylist: [/\/signal$/, /\/relay$/],
    cleanupOutdatedCaches: true,
    // the first install takes the open page at once; later versions wait for "Reload to update"
    clientsClaim: true,
  },
})

export default defineConfig({
  // relative asset paths, so a build works from any static sub-path
  base: './',
  publicDir: 'src/ui/public',
  plugins: process.env.VITEST ? [] : [solid(), pwa],
  // every sync message from a WebRTC peer goes through the update guard (src/sync/peers/guarded-sync.ts)
  resolve: { alias: [{ find: /^y-protocols\/sync$/, replacement: fileURLToPath(new URL('./src/sync/peers/guarded-sync.ts', import.meta.url)) }] },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
})
