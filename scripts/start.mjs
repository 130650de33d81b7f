#!/usr/bin/env node
// `npm start`: builds the app and opens it in Electron. Where no Electron binary can be had, says so and points to
// browser mode, which runs the same app in a browser.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

let binary = electronBinary()
if (!binary && existsSync(join(electronDir, 'install.js'))) {
  console.log('Fetching the Electron binary (first start only)...')
  spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'ignore',
    timeout: 10 * 60_000,
  })
  binary = electronBinary()
}
if (!binary) {
  console.error(
    'No Electron binary could be installed on this machine, so the desktop window cannot open here; run the same app in your browser instead: npm run web -- --data-dir ./data --port 5180',
  )
  process.exit(1)
}

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
run(process.execPath, [join(root, 'scripts', 'native.mjs'), 'electron'])
run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])
run(binary, [root])
