/**
 * The app itself killed 100 times: scripts/crash/harness.ts starts the app (router, services, vault, key file,
 * backups) in a child process, lets it work through the same calls the UI makes, and SIGKILLs it while it opens (first
 * run, the schema-1 upgrade's encryption, recovering the last crash) or works (saves, password changes, wrong
 * passwords counted in the key file, backups, restores). Each next child must open the files as the kill left them,
 * sign in with the password last acknowledged, and find exactly the coaches whose saves were acknowledged.
 * `npm run crash -- --cycles 1000` is the long run (figures in BENCHMARKS.md).
 */
import { describe, expect, it } from 'vitest'
import { runCrash } from '../../../scripts/crash/harness'

describe('the app killed at random moments', () => {
  it('loses no acknowledged save, never fails to open, and always signs in with the right password (100 kills)', async () => {
    const stats = await runCrash({ cycles: 100, lanes: 3, seed: 4711 })
    console.log('app crash test:', JSON.stringify({ ...stats, problems: stats.problems.length }))
    expect(stats.problems).toEqual([])
    expect(stats.lost).toBe(0)
    expect(stats.failedOpens).toBe(0)
    expect(stats.kills).toBe(100)
    // The kills landed in every phase: opening (first runs and upgrades included) and working.
    expect(stats.killedWhileOpening).toBeGreaterThanOrEqual(10)
    expect(stats.killedWhileWorking).toBeGreaterThanOrEqual(40)
    expect(stats.upgrades).toBeGreaterThanOrEqual(1)
    expect(stats.acknowledgedSaves).toBeGreaterThan(30)
  }, 240_000)
})
