#!/usr/bin/env node
// Makes sure the SQLite driver's native module is built for the runtime about to load it:
// `node scripts/native.mjs node` before tests, browser mode and seeding; `... electron` before the desktop app.
// Each build is kept in node_modules/.casebook-native/<runtime> so switching back and forth is a copy, not a rebuild.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const MODULE = 'better-sqlite3-multiple-ciphers'
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const moduleDir = dirname(require.resolve(`${MODULE}/package.json`))
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node')
const marker = join(moduleDir, 'build', 'casebook-runtime.txt')

const runtime = process.argv[2]
if (runtime !== 'node' && runtime !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron')
  process.exit(2)
}

const wanted =
  runtime === 'node'
    ? `node-${process.versions.modules}`
    : `electron-${JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version}`
const cached = join(root, 'node_modules', '.casebook-native', wanted, 'better_sqlite3.node')
const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : null

function loadsInNode() {
  const probe = `const D = require(${JSON.stringify(MODULE)}); new D(':memory:').close()`
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0
}

function remember() {
  writeFileSync(marker, wanted)
  mkdirSync(dirname(cached), { recursive: true })
  copyFileSync(binary, cached)
}

function rebuild(env, extraArgs) {
  console.log(`Building ${MODULE} for ${wanted} (about a minute)...`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['rebuild', MODULE, ...extraArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (result.status !== 0) {
    console.error(`Could not build ${MODULE} for ${wanted}.`)
    process.exit(1)
  }
}

if (runtime === 'node') {
  // The real test: does Node load it?
  if (current !== wanted || !loadsInNode()) {
    if (existsSync(cached)) copyFileSync(cached, binary)
    if (!loadsInNode()) rebuild({}, ['--build-from-source'])
    if (!loadsInNode()) {
      console.error(`${MODULE} still does not load in Node ${process.version}.`)
      process.exit(1)
    }
  }
  remember()
} else if (current !== wanted) {
  if (existsSync(cached)) {
    copyFileSync(cached, binary)
  } else {
    const electronVersion = wanted.slice('electron-'.length)
    rebuild(
      {
        npm_config_runtime: 'electron',
        npm_config_target: electronVersion,
        npm_config_disturl: 'https://electronjs.org/headers',
      },
      [],
    )
  }
  remember()
}
