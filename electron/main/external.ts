import { safeWebAddress } from '@shared/domain/directory'

/**
 * What the desktop app opens outside itself, in the system's browser or mail program: a web page over http or https
 * (checked as the directory checks a resource's address: a named host, no credentials), or a mailto: address. Every
 * other address (javascript:, file:, a custom scheme) is refused. Plain code, no Electron, so it is tested on its own.
 */
export function externalAddress(url: string): string | null {
  if (/^mailto:[^\s]+$/i.test(url)) return url
  return safeWebAddress(url)
}
