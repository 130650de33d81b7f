import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

/** Builds the app once, as `npm run web` would, so every end-to-end file serves the real built renderer. */
export default function setup() {
  const root = resolve(__dirname, '../..')
  execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
