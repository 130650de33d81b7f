import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { localToInstant } from '@shared/domain/coverage'
import { BOM, csvCell, toCsv } from '../../../electron/app/dispatches/dispatches.csv'
import { coachInput, startTestApp } from '../helpers'
import { dispatchInput, partnerWithContract } from '../contracts/support'

const NY = 'America/New_York'

/** What a spreadsheet would see: the file parsed by a real CSV parser, BOM first. */
function parse(content: string): string[][] {
  expect(content.startsWith(BOM)).toBe(true)
  const result = Papa.parse<string[]>(content.slice(1), { skipEmptyLines: true })
  expect(result.errors).toEqual([])
  return result.data
}

const HOSTILE = [
  '=HYPERLINK("http://evil.example","click")',
  '+1+2',
  '-2+3',
  '@SUM(A1:A9)',
  '\tindented',
  '\rcarriage',
  'plain, with a comma',
  'say "hello"',
  'line one\nline two',
  'Ωμέγα 東京 مرحبا',
  '  spaced  ',
  '',
]

describe('CSV cells', () => {
  it('survive a round trip through a real parser unchanged but inert: formulas get a leading apostrophe', () => {
    const content = toCsv(
      ['value', 'n'],
      HOSTILE.map((value, i) => [value, i]),
    )
    const [header, ...rows] = parse(content)
    expect(header).toEqual(['value', 'n'])
    expect(rows.map((row) => row[0])).toEqual(
      HOSTILE.map((value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)),
    )
    expect(rows.map((row) => row[1])).toEqual(HOSTILE.map((_, i) => String(i)))
    for (const row of rows) expect(row[0]).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('ends lines with CRLF and writes nothing for an empty value', () => {
    expect(toCsv(['a', 'b'], [[null, true]])).toBe(`${BOM}a,b\r\n,true\r\n`)
    expect(csvCell('=1')).toBe("'=1")
    expect(csvCell('a"b')).toBe('"a""b"')
  })
})

describe('dispatches.export', () => {
  it("writes a contract's dispatches for a period in office local time, oldest first, and records the export", async () => {
    const app = await startTestApp()
    await app.call('settings.update', { officeName: 'Test Office', coachTitle: 'recovery_coach', timeZone: NY })
    const coach = (await app.call('coaches.create', coachInput({ legalName: 'Zoë Ångström' }))).id
    const { contract } = await partnerWithContract(app, [coach], { reference: 'ED/2026 A' })
    const at = (date: string, time: string) => localToInstant(date, time, NY)!
    // 23:30 on 31 October in New York is 1 November in UTC: the office's date decides the period.
    await app.call(
      'dispatches.create',
      dispatchInput(contract.id, coach, {
        requestedAt: at('2026-10-31', '23:30'),
        acceptedAt: at('2026-10-31', '23:35'),
        arrivedAt: at('2026-11-01', '00:20'),
        completedAt: at('2026-11-01', '01:10'),
        requester: '=cmd|"/c calc"!A1',
        location: 'Ward 7, "east"',
        followUpOn: '2026-11-05',
      }),
    )
    await app.call(
      'dispatches.create',
      dispatchInput(contract.id, null, {
        requestedAt: at('2026-11-20', '09:00'),
        requester: 'Nurse Jo',
        location: '-',
        referenceCode: null,
      }),
    )
    await app.call(
      'dispatches.create',
      dispatchInput(contract.id, null, { requestedAt: at('2026-11-21', '09:00'), requester: 'Outside the period' }),
    )

    const file = await app.call('dispatches.export', { contractId: contract.id, from: '2026-10-31', to: '2026-11-20' })
    expect(file).toMatchObject({
      fileName: 'dispatches-ED-2026-A-2026-10-31-to-2026-11-20.csv',
      mimeType: 'text/csv',
      rows: 2,
    })
    const [header, first, second, ...rest] = parse(file.content)
    expect(rest).toEqual([])
    expect(header).toEqual([
      'Dispatch',
      'Contract',
      `Requested date (${NY})`,
      `Requested time (${NY})`,
      'Requested at (UTC)',
      'Who asked',
      'Location or unit',
      'Reference code',
      'Coach',
      'Sent off team',
      `Accepted (${NY})`,
      `Arrived (${NY})`,
      `Completed (${NY})`,
      'Minutes to arrival',
      'Target minutes',
      'Within target',
      'Outside coverage',
      'Outcome',
      'Follow-up due',
    ])
    expect(first).toEqual([
      '1',
      'ED/2026 A',
      '2026-10-31',
      '23:30',
      '2026-11-01T03:30:00.000Z',
      `'=cmd|"/c calc"!A1`,
      'Ward 7, "east"',
      'MRN-48213',
      'Zoë Ångström',
      'no',
      '2026-10-31 23:35',
      '2026-11-01 00:20',
      '2026-11-01 01:10',
      '50',
      '45',
      'no',
      'no',
      'Engaged',
      '2026-11-05',
    ])
    expect(second!.slice(0, 10)).toEqual([
      '2',
      'ED/2026 A',
      '2026-11-20',
      '09:00',
      '2026-11-20T14:00:00.000Z',
      'Nurse Jo',
      "'-",
      '',
      '',
      'no',
    ])

    const [event] = (await app.call('audit.list', { action: 'export' })).items
    expect(event).toMatchObject({
      recordType: 'contract',
      recordId: contract.id,
      summary: 'Exported 2 dispatches requested 2026-10-31 to 2026-11-20 as CSV',
    })
    await app.callError('dispatches.export', { contractId: 999, from: '2026-01-01', to: '2026-01-31' }, 'not_found')
    await app.callError(
      'dispatches.export',
      { contractId: contract.id, from: '2026-02-01', to: '2026-01-31' },
      'invalid_input',
    )
  })
})
