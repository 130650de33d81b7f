import { writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataFolderInUseError, LOCK_FILE_NAME, startAppCore } from '../../electron/app'
import { startTestApp, SUPERVISOR, tempDir } from './helpers'

describe('one copy of the app per data folder', () => {
  it('refuses a second copy while the first is open, and lets one in once it closes', async () => {
    const first = await startTestApp()
    expect(() => startAppCore({ dataDir: first.dataDir, transport: 'http', appVersion: 'second' })).toThrow(
      DataFolderInUseError,
    )
    expect((await first.call('coaches.list', {})).total).toBe(0) // the first is untouched
    await first.close()
    const second = await startTestApp({ dataDir: first.dataDir })
    expect((await second.call('auth.status', undefined)).state).toBe('signed_in')
    expect(SUPERVISOR.username).toBe('pat.supervisor')
  })

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = tempDir()
    // Process ids are at most 2^22 on Linux; this one is not running.
    writeFileSync(join(dataDir, LOCK_FILE_NAME), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), token: 'x' }))
    const app = await startTestApp({ dataDir })
    expect((await app.call('auth.status', undefined)).state).toBe('signed_in')
  })
})
