import { describe, expect, it } from 'vitest'
import { createDraftStore, forgetDraftsFor } from '../../../renderer/src/lib/drafts'

const draft = (text: string) => ({ values: { note: text }, baseline: { note: '' }, meta: { version: 3 } })

describe('the draft store', () => {
  it('gives a draft back to the account and form that kept it, and to no other', () => {
    const store = createDraftStore()
    store.save(7, 'coach-edit:1', draft('typed by 7'))
    expect(store.peek(7, 'coach-edit:1')).toEqual(draft('typed by 7'))
    expect(store.peek(8, 'coach-edit:1')).toBeUndefined()
    expect(store.peek(7, 'coach-edit:2')).toBeUndefined()
  })

  it('keeps a copy, so later typing in the form does not change what was kept', () => {
    const store = createDraftStore()
    const kept = draft('first')
    store.save(1, 'form', kept)
    kept.values.note = 'changed afterwards'
    const read = store.peek(1, 'form')!
    read.values.note = 'changed by the reader'
    expect(store.peek(1, 'form')?.values.note).toBe('first')
  })

  it('discards one draft without touching the others', () => {
    const store = createDraftStore()
    store.save(1, 'a', draft('a'))
    store.save(1, 'b', draft('b'))
    store.discard(1, 'a')
    expect(store.peek(1, 'a')).toBeUndefined()
    expect(store.peek(1, 'b')).toBeDefined()
  })
})

describe('forgetDraftsFor: who may see a draft again', () => {
  function stocked() {
    const store = createDraftStore()
    store.save(1, 'form', draft('one'))
    store.save(2, 'form', draft('two'))
    return store
  }

  it('keeps every draft while the screen is locked', () => {
    const store = stocked()
    forgetDraftsFor({ state: 'locked' }, store)
    expect(store.size()).toBe(2)
  })

  it('keeps only the drafts of the account that signs in', () => {
    const store = stocked()
    forgetDraftsFor({ state: 'signed_in', accountId: 2 }, store)
    expect(store.peek(1, 'form')).toBeUndefined()
    expect(store.peek(2, 'form')?.values.note).toBe('two')
  })

  it.each(['signed_out', 'setup', 'unavailable', 'restored'] as const)('forgets every draft when %s', (state) => {
    const store = stocked()
    forgetDraftsFor({ state }, store)
    expect(store.size()).toBe(0)
  })
})
