import { copyFileSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ResourceContent } from '@shared/domain/directory'
import { openDatabase } from '../../../electron/app/db/open'
import { MIGRATIONS } from '../../../electron/app/db/migrations'
import * as repo from '../../../electron/app/directory/directory.repository'
import { matchExpression } from '../../../electron/app/directory/directory.service'
import { tempDir } from '../helpers'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'db')

function copyOf(version: number) {
  const copy = join(tempDir(), 'casebook.sqlite')
  copyFileSync(join(FIXTURES, `v${version}.sqlite`), copy)
  const key = Buffer.from(readFileSync(join(FIXTURES, `v${version}.key.txt`), 'utf8').trim(), 'hex')
  return { copy, key }
}

const noFilters: repo.DirectoryFilters = {
  kind: null,
  pathwayId: null,
  domain: null,
  language: null,
  openAtMinute: null,
  checkedBefore: null,
  match: null,
}

describe('migration 5 (the directory)', () => {
  it('gives a version 4 office an empty directory with the six starting pathways, and a working search', async () => {
    const { copy, key } = copyOf(4)
    const opened = openDatabase(copy, { key, migrations: MIGRATIONS.slice(0, 5) })
    try {
      expect(opened.schemaVersion).toBe(5)
      expect((await repo.listPathways(opened.db)).map((p) => [p.label, p.built_in])).toEqual([
        ['Faith-based', 1],
        ['Harm reduction', 1],
        ['Medication-assisted', 1],
        ['Secular', 1],
        ['SMART Recovery', 1],
        ['Twelve-step', 1],
      ])
      expect(await repo.countResources(opened.db, noFilters)).toBe(0)
      expect(await repo.countResources(opened.db, { ...noFilters, match: matchExpression('anything')! })).toBe(0)
      expect(opened.sqlite.prepare('SELECT count(*) FROM coaches').pluck().get()).toBe(3)
    } finally {
      await opened.close()
    }
  })

  it('keeps a version 5 directory searchable, its history readable and its index whole after opening', async () => {
    const { copy, key } = copyOf(5)
    const opened = openDatabase(copy, { key })
    try {
      const find = (text: string) => repo.countResources(opened.db, { ...noFilters, match: matchExpression(text)! })
      expect(await find('korero')).toBe(1)
      expect(await find('hemi')).toBe(1) // a tip
      expect(await find('otahuhu')).toBe(1)
      expect(await find('side door saturdays')).toBe(1)
      const versions = opened.sqlite.prepare('SELECT content FROM resource_versions').pluck().all() as string[]
      expect(versions).toHaveLength(6)
      for (const content of versions) expect(() => ResourceContent.parse(JSON.parse(content))).not.toThrow()
      opened.sqlite.prepare("INSERT INTO resources_fts (resources_fts) VALUES ('integrity-check')").run()
    } finally {
      await opened.close()
    }
  })
})
