import { extname, join, normalize, sep } from 'node:path'
import { MIME_TYPES } from '../web/server'

/**
 * The app's pages come from its own privileged scheme, casebook://app/, rather than file://: a file:// page shares
 * its origin with every other file on the disk, may read them with fetch in some setups, and cannot be told apart
 * from a file the person opened. Here only the built renderer's own files are served, each with the app's
 * Content-Security-Policy. Plain Node (no Electron import), so the mapping is tested on its own.
 */
export const APP_SCHEME = 'casebook'
export const APP_HOST = 'app'
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** True for the app's own pages only. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/** The file under `rendererDir` a request for `url` names, with its type; null for anything else. */
export function appFileFor(rendererDir: string, url: string): { file: string; contentType: string } | null {
  if (!isAppUrl(url)) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  const relative = normalize(pathname).replace(/^([/\\])+/, '') || 'index.html'
  const root = normalize(rendererDir)
  const file = join(root, relative)
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  const contentType = MIME_TYPES[extname(file)]
  return contentType ? { file, contentType } : null
}
