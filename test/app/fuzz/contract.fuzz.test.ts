import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { CHANNELS, contract, type Channel } from '@shared/api/contract'
import { ERROR_CODES } from '@shared/api/result'
import { coachInput, startTestApp, SUPERVISOR, type Snapshot, type TestApp, type TestClient } from '../helpers'

/**
 * Every channel of the contract, as every role and as nobody, with random and malformed input. Walks CHANNELS, so a
 * channel added later is covered without touching this file. The property: the router always answers (no throw, no
 * hang), with `ok` or one of the contract's error codes and a message, and a refused call changes no row.
 */

/** The field names an input schema knows, found by walking zod's definitions, to aim random values at them. */
function fieldNames(schema: z.ZodType, depth = 0): string[] {
  if (depth > 6) return []
  const def = (schema as unknown as { def: Record<string, unknown> }).def
  switch (def['type']) {
    case 'object':
      return Object.keys(def['shape'] as object)
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return fieldNames(def['innerType'] as z.ZodType, depth + 1)
    case 'pipe':
      return fieldNames(def['in'] as z.ZodType, depth + 1)
    case 'union':
      return (def['options'] as z.ZodType[]).flatMap((option) => fieldNames(option, depth + 1))
    default:
      return []
  }
}

const hostileValue = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    null,
    undefined,
    true,
    '',
    ' ',
    '__proto__',
    'constructor',
    '0',
    '-1',
    'NaN',
    '2026-02-30',
    '\u0000',
    'x'.repeat(5000),
  ),
  fc.array(fc.anything(), { maxLength: 5 }),
)

function inputFor(channel: Channel) {
  const names = [...new Set(fieldNames(contract[channel].input))]
  const shaped = names.length
    ? fc.dictionary(fc.constantFrom(...names, 'unexpected', '__proto__'), hostileValue, { maxKeys: names.length + 2 })
    : fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 })
  return fc.oneof({ weight: 1, arbitrary: fc.anything() }, { weight: 3, arbitrary: shaped })
}

/**
 * A wrong password is refused, and is also recorded: the audit trail's `sign_in_failed` row is the one change a
 * refused call makes, on purpose. Everything else must be exactly as it was.
 */
function withoutFailedSignIns(snapshot: Snapshot): Snapshot {
  return { ...snapshot, audit_events: snapshot['audit_events']!.filter((row) => row['action'] !== 'sign_in_failed') }
}

type Caller = 'nobody' | 'supervisor' | 'coordinator' | 'coach'

async function office(): Promise<{
  app: TestApp
  callers: Record<Caller, TestClient & { password?: string; username?: string }>
}> {
  const app = await startTestApp()
  const own = await app.call('coaches.create', coachInput({ legalName: 'Fuzz Own' }))
  await app.call('coaches.create', coachInput({ legalName: 'Fuzz Other' }))
  const coordinator = await app.signInAs('coordinator', { username: 'fuzz.coordinator' })
  const coach = await app.signInAs('coach', { coachId: own.id, username: 'fuzz.coach' })
  return {
    app,
    callers: {
      nobody: app.clientFor('fuzz-nobody'),
      supervisor: { ...app, username: SUPERVISOR.username, password: SUPERVISOR.password },
      coordinator: { ...coordinator, username: 'fuzz.coordinator' },
      coach: { ...coach, username: 'fuzz.coach' },
    },
  }
}

describe('every channel against random and malformed input, as every role', () => {
  it.each(['nobody', 'supervisor', 'coordinator', 'coach'] as const)(
    'as %s: only contract answers, and no change from a refused call',
    async (callerName) => {
      const { app, callers } = await office()
      const caller = callers[callerName]
      let calls = 0
      for (const channel of CHANNELS) {
        await fc.assert(
          fc.asyncProperty(inputFor(channel), async (input) => {
            const before = app.snapshot()
            const result = await caller.callRaw(channel, input)
            calls++
            expect(typeof result.ok).toBe('boolean')
            if (!result.ok) {
              expect(ERROR_CODES).toContain(result.error.code)
              expect(typeof result.error.message).toBe('string')
              expect(result.error.message.length).toBeGreaterThan(0)
              expect(result.error.message.length).toBeLessThan(2000)
              expect(
                withoutFailedSignIns(app.snapshot()),
                `${channel} refused ${JSON.stringify(input)?.slice(0, 200)} but changed rows`,
              ).toEqual(withoutFailedSignIns(before))
            } else {
              expect(contract[channel].output.safeParse(result.value).success, channel).toBe(true)
            }
            // A random call that happened to sign out or lock (they take no input) is undone, to go on as this role.
            if (callerName !== 'nobody' && caller.password) {
              const status = await caller.call('auth.status', undefined)
              if (status.state === 'locked') await caller.call('auth.unlock', { password: caller.password })
              if (status.state === 'signed_out')
                await caller.call('auth.signIn', { username: caller.username!, password: caller.password })
            }
          }),
          { numRuns: 50, seed: 20261122 + CHANNELS.indexOf(channel) },
        )
      }
      expect(calls).toBe(CHANNELS.length * 50)
      expect(app.log.entries, JSON.stringify(app.log.entries).slice(0, 500)).toEqual([])
      expect(app.core.vault.database!.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    },
    // Every channel, fifty inputs each, with the whole database compared around each call: it grows with features.
    180_000,
  )
})
