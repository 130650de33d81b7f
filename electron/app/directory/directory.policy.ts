import type { CoachStatus } from '@shared/domain/roster'

/**
 * Record-level rules of the directory. The directory is the team's shared knowledge ("no coach is an island"): every
 * signed-in role reads every resource and keeps it, so no resource is scoped to a viewer.
 *
 * What it does reach beyond itself is the roster: a resource names the coaches who have a connection there, for
 * every role, coaches included (who otherwise see only their own roster entry). So the directory's queries select
 * only what makes a coach's display name, never their contact details, status history, ratings or notes; this is
 * the one list of those columns, and the repository selects exactly it (where it reads a resource's connections in
 * the same statement as the resource, as JSON, it builds the display name from the same columns and no others).
 */
export const DIRECTORY_COACH_VIEW = {
  columns: ['c.id', 'c.legal_name', 'c.preferred_name'] as const,
  /** Who can be newly named as a connection: a coach who has left is no longer a way in. */
  connectableStatuses: ['active', 'on_leave'] as const satisfies readonly CoachStatus[],
}

export interface CoachView {
  columns: typeof DIRECTORY_COACH_VIEW.columns
}
