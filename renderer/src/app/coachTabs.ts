import type { CoachTab } from '../features/roster/components/CoachPage'
import { profileTab } from '../features/roster/components/CoachProfile'
import { growthTab } from '../features/growth/components/GrowthTab'
import { dispatchesTab } from '../features/dispatches/components/CoachDispatchesTab'
import { ladderTab } from '../features/ladder/components/LadderTab'
import { supervisionTab } from '../features/supervision/components/SupervisionTab'

/**
 * The parts of a coach's record, in order. Growth, supervision, dispatches and the ladder add their tab here as
 * their features arrive; the page shows the tab bar only once more than one has something to show.
 */
export const COACH_TABS: readonly CoachTab[] = [profileTab, growthTab, ladderTab, dispatchesTab, supervisionTab]
