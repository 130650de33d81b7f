import { describe, expect, it } from 'vitest'
import { externalAddress } from '../../../electron/main/external'

describe('the desktop app’s external opener', () => {
  it('opens http and https pages on a named host, and mail addresses', () => {
    expect(externalAddress('https://example.org/help')).toBe('https://example.org/help')
    expect(externalAddress('http://clinic.example.org')).toBe('http://clinic.example.org/')
    expect(externalAddress('mailto:hello@example.org')).toBe('mailto:hello@example.org')
  })

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>1</script>',
    'vbscript:msgbox',
    'ftp://example.org/',
    'casebook://open',
    'https://user:pass@example.org/',
    'https://localhost/',
    'https://exa mple.org/',
    ' https://example.org',
    '//example.org',
    '',
  ])('refuses %j', (url) => {
    expect(externalAddress(url)).toBeNull()
  })
})
