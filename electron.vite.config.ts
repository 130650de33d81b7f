import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const sharedAlias = { '@shared': resolve(__dirname, 'shared') }

export default defineConfig({
  main: {
    resolve: { alias: sharedAlias },
    build: {
      // Kysely is bundled so start-up reads one file instead of its hundreds of modules;
      // the native driver stays external because it cannot be bundled.
      externalizeDeps: { exclude: ['kysely', 'zod'] },
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias: sharedAlias },
    plugins: [react()],
    build: {
      // electron-vite leaves bundles unminified; the renderer's first paint waits on its JavaScript, so minify it.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})
