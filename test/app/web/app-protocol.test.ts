import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_INDEX_URL, appFileFor, isAppUrl } from '../../../electron/main/app-protocol'

/** The desktop app's own scheme: only the built renderer's files, and only under casebook://app/. */
const ROOT = join('/opt', 'casebook', 'renderer')

describe('casebook://app/', () => {
  it('names the app’s own pages and nothing else', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true)
    expect(isAppUrl('casebook://app/index.html#/coaches/4')).toBe(true)
    for (const url of [
      'file:///opt/casebook/renderer/index.html',
      'casebook://other/index.html',
      'https://app/index.html',
      'casebook:app/index.html',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false)
    }
  })

  it('serves the renderer’s files with their types, index.html for the root', () => {
    expect(appFileFor(ROOT, 'casebook://app/')).toEqual({
      file: join(ROOT, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    })
    expect(appFileFor(ROOT, 'casebook://app/assets/index-abc123.js?v=1')).toEqual({
      file: join(ROOT, 'assets', 'index-abc123.js'),
      contentType: 'text/javascript; charset=utf-8',
    })
  })

  it('never names a file outside the renderer folder, however the path is written', () => {
    for (const url of [
      'casebook://app/../../etc/passwd.html',
      'casebook://app/%2e%2e/%2e%2e/home/user/.ssh/id.json',
      'casebook://app/..%2f..%2fsecrets.css',
      'casebook://app/assets/..%5c..%5c..%5cwindows.js',
    ]) {
      const found = appFileFor(ROOT, url)
      if (found) expect(found.file.startsWith(`${ROOT}/`), url).toBe(true)
    }
  })

  it('refuses an unknown type (the database), a NUL and another host', () => {
    for (const url of [
      'casebook://app/assets/%00.js',
      'casebook://app/casebook.sqlite',
      'casebook://app/casebook.keys',
      'casebook://elsewhere/index.html',
      'file:///opt/casebook/renderer/index.html',
    ]) {
      expect(appFileFor(ROOT, url), url).toBeNull()
    }
  })
})
