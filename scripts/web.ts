/**
 * Browser mode: `npm run web -- --data-dir DIR --port PORT`. Builds the renderer, then serves it and the real router
 * with a real SQLite file in DIR, on 127.0.0.1 only, until stopped.
 */
import { execFileSync } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startWebServer } from '../electron/web/server'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: resolve(root, 'data') },
    port: { type: 'string', default: '5180' },
    'no-build': { type: 'boolean', default: false },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not ${values.port}`)
  process.exit(2)
}

if (!values['no-build']) {
  console.log('Building the app...')
  execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

const appVersion = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version as string
const dataDir = resolve(values['data-dir']!)
try {
  const server = await startWebServer({ dataDir, port, rendererDir: resolve(root, 'out/renderer'), appVersion })
  console.log(`RCO Casebook is serving ${server.url} (data in ${dataDir}). Press Ctrl+C to stop.`)
  const stop = () => {
    server.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`)
  process.exit(1)
}
