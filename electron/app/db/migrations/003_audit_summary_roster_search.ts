import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import type { Migration } from './index'

/**
 * Frozen: never edit after it has landed. Add a new migration instead.
 *
 * A data-reshaping step, so a function: SQL adds the columns, then each coach's search text is folded here, with a
 * copy of the folding rule of its time (the app's own may change later; this migration must not).
 */
export const migration003AuditSummaryRosterSearch: Migration = {
  version: 3,
  name: 'audit summaries, and the roster search over names, languages and supervisor',
  run(sqlite: BetterSqlite3.Database) {
    sqlite.exec(`
      ALTER TABLE audit_events ADD COLUMN summary TEXT;
      ALTER TABLE coaches ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
      CREATE INDEX audit_events_by_action ON audit_events (action, id);
    `)
    const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    const rows = sqlite
      .prepare('SELECT id, legal_name, preferred_name, languages, assigned_supervisor FROM coaches')
      .all() as {
      id: number
      legal_name: string
      preferred_name: string | null
      languages: string
      assigned_supervisor: string | null
    }[]
    const update = sqlite.prepare('UPDATE coaches SET search_text = ? WHERE id = ?')
    for (const row of rows) {
      const languages = JSON.parse(row.languages) as string[]
      const text = [
        row.legal_name,
        row.preferred_name ?? '',
        languages.join('\u001f'),
        row.assigned_supervisor ?? '',
      ].join('\u001f')
      update.run(fold(text), row.id)
    }
  },
}
