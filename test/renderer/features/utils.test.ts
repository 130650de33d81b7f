import { describe, expect, it } from 'vitest'
import { CoachFields, type Coach } from '@shared/domain/roster'
import { groupRecoveryKey } from '../../../renderer/src/features/auth/utils/recoveryKey'
import { confirmed } from '../../../renderer/src/features/auth/utils/forms'
import { coachFieldsInput, emptyCoachForm, formFromCoach } from '../../../renderer/src/features/roster/utils/coachForm'
import { currentItem, navigationFor } from '../../../renderer/src/app/navigation'

describe('the coach form', () => {
  const coach = {
    id: 4,
    version: 2,
    legalName: 'Rosa Maria Diaz',
    preferredName: 'Rosa Diaz',
    displayName: 'Rosa Diaz',
    pronouns: null,
    email: null,
    phone: '+1 555 0100',
    startDate: '2024-05-01',
    status: 'active',
    employment: 'full_time',
    title: 'recovery_coach',
    supervisorAccountId: 1,
    supervisorName: 'Dana Whitfield',
    supervisorIsCurrent: true,
    supervisorUnmatched: null,
    supervisionCadenceDays: 21,
    workSettings: ['police'],
    languages: ['English', 'Spanish'],
    careerStage: 'training',
    createdAt: '2024-05-01T10:00:00Z',
    updatedAt: '2024-05-01T10:00:00Z',
    statusHistory: [],
    stageHistory: [],
  } satisfies Coach

  it('opens on a saved coach as text, and saves back what the shared schema takes', () => {
    const values = formFromCoach(coach)
    expect(values).toMatchObject({ pronouns: '', supervisionCadenceDays: '21', languages: 'English, Spanish' })
    const parsed = CoachFields.parse(coachFieldsInput(values))
    expect(parsed).toMatchObject({
      legalName: 'Rosa Maria Diaz',
      pronouns: null,
      supervisionCadenceDays: 21,
      languages: ['English', 'Spanish'],
      workSettings: ['police'],
    })
  })

  it('leaves a half-typed cadence for the schema to refuse with its own message', () => {
    const values = { ...emptyCoachForm('navigator', '2026-01-12'), legalName: 'Kai', supervisionCadenceDays: '2 weeks' }
    const result = CoachFields.safeParse(coachFieldsInput(values))
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('Cadence must be a number of days')
  })
})

describe('auth helpers', () => {
  it('groups a recovery key in fours for copying by hand', () => {
    expect(groupRecoveryKey('ABCDEFGHIJ')).toEqual(['ABCD', 'EFGH', 'IJ'])
    expect(groupRecoveryKey('abcd-efgh ijkl')).toEqual(['abcd', 'efgh', 'ijkl'])
  })

  it('asks for the same password twice', () => {
    expect(confirmed('a long password', 'a long password', 'confirm')).toEqual({})
    expect(confirmed('a long password', 'a long passwort', 'confirm')).toEqual({
      confirm: 'The two passwords are not the same',
    })
  })
})

describe('the navigation', () => {
  const user = (role: 'supervisor' | 'coordinator' | 'coach', coachId: number | null = null) => ({
    accountId: 1,
    username: 'u',
    displayName: 'U',
    role,
    coachId,
    mustChangePassword: false,
  })
  const labels = (u: ReturnType<typeof user>) =>
    navigationFor({ user: u, coachesWord: 'Navigators' }).map((item) => item.label)

  it('shows each role the sections its channels allow (shared/access.ts)', () => {
    expect(labels(user('supervisor'))).toEqual([
      'Navigators',
      'Team growth',
      'Career ladder',
      'Contracts',
      'Supervision',
      'Directory',
      'Accounts',
      'Audit log',
      'Office settings',
      'Backups',
    ])
    expect(labels(user('coordinator'))).toEqual(['Navigators', 'Career ladder', 'Contracts', 'Directory'])
  })

  it('gives a coach their own page, or nothing before their account is linked', () => {
    expect(navigationFor({ user: user('coach', 9), coachesWord: 'Navigators' })).toEqual([
      { key: 'my-profile', label: 'My profile', to: '/coaches/9' },
      { key: 'my-growth', label: 'My growth', to: '/coaches/9?tab=growth' },
      { key: 'my-ladder', label: 'My ladder', to: '/coaches/9?tab=ladder' },
      { key: 'my-dispatches', label: 'My dispatches', to: '/dispatches' },
      { key: 'my-contracts', label: 'My contracts', to: '/contracts' },
      { key: 'my-supervision', label: 'My supervision', to: '/coaches/9?tab=supervision' },
      { key: 'directory', label: 'Directory', to: '/directory' },
    ])
    expect(labels(user('coach', null))).toEqual(['Directory'])
  })
})

describe('the current section of the navigation', () => {
  const coachItems = [
    { key: 'my-profile', to: '/coaches/7' },
    { key: 'my-growth', to: '/coaches/7?tab=growth' },
    { key: 'my-ladder', to: '/coaches/7?tab=ladder' },
    { key: 'my-dispatches', to: '/dispatches' },
    { key: 'my-contracts', to: '/contracts' },
  ]
  const at = (path: string) => {
    const [pathname = '', search = ''] = path.split('?')
    return currentItem(coachItems, { pathname, search: search ? `?${search}` : '' })
  }

  it('is one item only, told apart by the tab where items share a path', () => {
    expect(at('/coaches/7?tab=growth')).toBe('my-growth')
    expect(at('/coaches/7?tab=ladder')).toBe('my-ladder')
    expect(at('/coaches/7')).toBe('my-profile')
    // A tab no item names belongs to the item of the path itself.
    expect(at('/coaches/7?tab=dispatches')).toBe('my-profile')
    expect(at('/dispatches/12')).toBe('my-dispatches')
    expect(at('/directory')).toBeNull()
  })

  it('prefers the longest path, and never matches a path that only starts with the same letters', () => {
    const staff = [
      { key: 'contracts', to: '/contracts/dashboard' },
      { key: 'roster', to: '/coaches' },
    ]
    expect(currentItem(staff, { pathname: '/contracts/dashboard', search: '?contract=3' })).toBe('contracts')
    expect(currentItem(staff, { pathname: '/coaches/7', search: '?tab=growth' })).toBe('roster')
    expect(currentItem(staff, { pathname: '/coachesx', search: '' })).toBeNull()
  })
})
