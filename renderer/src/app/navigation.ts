import type { SignedInUser } from '@shared/domain/auth'
import { may, seesRoster } from '../features/auth/session'

export interface NavContext {
  user: SignedInUser
  /** The office's word for its coaches, capitalised ("Recovery coaches", "Navigators"). */
  coachesWord: string
}

/** One entry of the main navigation. */
export interface NavSection {
  key: string
  label(context: NavContext): string
  to(context: NavContext): string
  /** From the access table (shared/access.ts) through `may`, plus a record-level fact where a role alone can't say. */
  shows(context: NavContext): boolean
}

/**
 * The app's sections, in the order the navigation shows them. A feature's pages join by adding their section here
 * (growth, supervision, contracts, dispatches and the directory are next), shown to the roles whose channel allows it.
 */
export const NAV_SECTIONS: readonly NavSection[] = [
  {
    key: 'roster',
    label: ({ coachesWord }) => coachesWord,
    to: () => '/coaches',
    shows: ({ user }) => seesRoster(user),
  },
  {
    key: 'my-profile',
    label: () => 'My profile',
    to: ({ user }) => `/coaches/${user.coachId}`,
    shows: ({ user }) => !seesRoster(user) && user.coachId !== null && may(user, 'coaches.get'),
  },
  {
    key: 'my-growth',
    label: () => 'My growth',
    to: ({ user }) => `/coaches/${user.coachId}?tab=growth`,
    shows: ({ user }) => !seesRoster(user) && user.coachId !== null && may(user, 'growth.coach'),
  },
  {
    key: 'team-growth',
    label: () => 'Team growth',
    to: () => '/growth/team',
    shows: ({ user }) => may(user, 'growth.team'),
  },
  {
    key: 'my-ladder',
    label: () => 'My ladder',
    to: ({ user }) => `/coaches/${user.coachId}?tab=ladder`,
    shows: ({ user }) => !seesRoster(user) && user.coachId !== null && may(user, 'ladder.coach'),
  },
  {
    key: 'ladder',
    label: () => 'Career ladder',
    to: () => '/ladder',
    shows: ({ user }) => may(user, 'ladder.office'),
  },
  {
    key: 'contracts',
    label: () => 'Contracts',
    to: () => '/contracts/dashboard',
    shows: ({ user }) => may(user, 'contracts.dashboard'),
  },
  {
    key: 'my-dispatches',
    label: () => 'My dispatches',
    to: () => '/dispatches',
    shows: ({ user }) => !may(user, 'dispatches.create') && user.coachId !== null && may(user, 'dispatches.list'),
  },
  {
    key: 'my-contracts',
    label: () => 'My contracts',
    to: () => '/contracts',
    shows: ({ user }) => !may(user, 'contracts.create') && user.coachId !== null && may(user, 'contracts.list'),
  },
  {
    key: 'supervision',
    label: () => 'Supervision',
    to: () => '/supervision',
    shows: ({ user }) => may(user, 'supervision.startPage'),
  },
  {
    key: 'my-supervision',
    label: () => 'My supervision',
    to: ({ user }) => `/coaches/${user.coachId}?tab=supervision`,
    shows: ({ user }) => !seesRoster(user) && user.coachId !== null && may(user, 'supervision.list'),
  },
  {
    key: 'directory',
    label: () => 'Directory',
    to: () => '/directory',
    shows: ({ user }) => may(user, 'resources.list'),
  },
  { key: 'accounts', label: () => 'Accounts', to: () => '/accounts', shows: ({ user }) => may(user, 'accounts.list') },
  { key: 'audit', label: () => 'Audit log', to: () => '/audit', shows: ({ user }) => may(user, 'audit.list') },
  {
    key: 'settings',
    label: () => 'Office settings',
    to: () => '/settings',
    shows: ({ user }) => may(user, 'settings.update'),
  },
  { key: 'backups', label: () => 'Backups', to: () => '/backups', shows: ({ user }) => may(user, 'backups.list') },
]

export function navigationFor(context: NavContext, sections: readonly NavSection[] = NAV_SECTIONS) {
  return sections
    .filter((section) => section.shows(context))
    .map((section) => ({ key: section.key, label: section.label(context), to: section.to(context) }))
}

/**
 * Which of `items` is the page shown: the one whose path is the location's (or a page under it), and whose `?tab=`
 * is the location's tab. Several items may share a path and differ by tab (a coach's "My profile", "My growth",
 * "My ladder" are tabs of their own record): only one of them is current, the one without a tab when the location's
 * tab is none of theirs. A router's own link matching ignores the query, which lit them all together.
 */
export function currentItem(
  items: readonly { key: string; to: string }[],
  location: { pathname: string; search: string },
): string | null {
  const here = new URLSearchParams(location.search).get('tab')
  const parsed = items.map((item) => {
    const [path = '', query = ''] = item.to.split('?')
    return { key: item.key, path, tab: new URLSearchParams(query).get('tab') }
  })
  const under = (path: string) => location.pathname === path || location.pathname.startsWith(`${path}/`)
  const candidates = parsed.filter((item) => under(item.path))
  // The longest path first: /contracts/dashboard over /contracts.
  candidates.sort((a, b) => b.path.length - a.path.length)
  const samePath = candidates.filter((item) => item.path === candidates[0]?.path)
  const byTab = samePath.find((item) => item.tab !== null && item.tab === here)
  if (byTab) return byTab.key
  return samePath.find((item) => item.tab === null)?.key ?? null
}
