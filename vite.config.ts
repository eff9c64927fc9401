import { defineConfig } from 'vitest/config'
import solid from 'vite-plugin-solid'

export default defineConfig({
  // relative asset paths, so a build works from any static sub-path
  base: './',
  plugins: process.env.VITEST ? [] : [solid()],
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
})
