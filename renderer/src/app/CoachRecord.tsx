import { CoachPage } from '../features/roster/components/CoachPage'
import { COACH_TABS } from './coachTabs'

/** A coach's page with every feature's part of the record (loaded with the page, not with sign-in). */
export default function CoachRecord() {
  return <CoachPage tabs={COACH_TABS} />
}
