import { describe, expect, it } from 'vitest'
import { chooseFile, hasFileDialog, withExtension } from '../../../renderer/src/lib/files'

describe('the file door', () => {
  it('adds the kind’s extension a chosen name lacks, and leaves one that has it', () => {
    expect(withExtension('/home/dana/office', 'backup')).toBe('/home/dana/office.casebook-backup')
    expect(withExtension('C:\\Backups\\office.CASEBOOK-BACKUP', 'backup')).toBe('C:\\Backups\\office.CASEBOOK-BACKUP')
    expect(withExtension('report', 'pdf')).toBe('report.pdf')
    expect(withExtension('roster.csv', 'csv')).toBe('roster.csv')
  })

  it('has no dialog outside the desktop app, and answers null rather than failing', async () => {
    expect(hasFileDialog()).toBe(false)
    expect(await chooseFile('backup', 'save', 'x.casebook-backup')).toBeNull()
  })
})
