import { describe, expect, it } from 'vitest'
import { matchExpression } from '../../../electron/app/directory/directory.service'
import { snippetParts } from '../../../electron/app/supervision/supervision.service'

/** The parts as text with the hits in [brackets], to read at a glance. */
const shown = (text: string, typed: string) =>
  snippetParts(text, matchExpression(typed)!)
    .map((part) => (part.hit ? `[${part.text}]` : part.text))
    .join('')

describe('a search hit’s snippet', () => {
  it('marks the words the index matched: case and accents folded, the last word typed as a beginning', () => {
    expect(shown('Lucía talked about HOUSING and the housed.', 'lucia hous')).toBe(
      '[Lucía] talked about [HOUSING] and the [housed].',
    )
    // A word before the last must be the whole word.
    expect(shown('Housing, houses and a house.', 'house hou')).toBe('[Housing], [houses] and a [house].')
    expect(shown('Houses and a house.', 'house x')).toBe('Houses and a [house].')
    // Decomposed text (an accent as its own combining character, as some systems paste it) is one word, as indexed.
    expect(shown('Talked with Luci\u0301a today.', 'lucia')).toBe('Talked with [Luci\u0301a] today.')
  })

  it('shows the 24 words that hold the most of the query, with an ellipsis where the text goes on', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`)
    words[40] = 'relapse'
    words[45] = 'plan'
    words[10] = 'plan'
    const text = words.join(' ')
    const parts = snippetParts(text, matchExpression('relapse plan')!)
    const joined = parts.map((p) => p.text).join('')
    expect(joined.startsWith('…')).toBe(true)
    expect(joined.endsWith('…')).toBe(true)
    // Both words of the query, in one run of 24 words (the earliest such run, starting at w22).
    expect(joined).toBe(`…${words.slice(22, 46).join(' ')}…`)
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['relapse', 'plan'])
  })

  it('keeps a short text whole, its punctuation and spacing as written, and never reads it as markup', () => {
    expect(shown('  <b>Naloxone</b> — "kit" refreshed.\n', 'naloxone')).toBe('  <b>[Naloxone]</b> — "kit" refreshed.\n')
    expect(shown('Nothing here matches.', 'zebra')).toBe('Nothing here matches.')
    expect(shown('', 'zebra')).toBe('')
    expect(snippetParts('…!?', matchExpression('zebra')!)).toEqual([{ text: '…!?', hit: false }])
  })
})
