/** Where the growth pages live, in one place. */
export const growthPath = (coachId: number) => `/coaches/${coachId}?tab=growth`
export const assessmentPath = (id: number) => `/assessments/${id}`
export const amendPath = (id: number) => `/assessments/${id}/amend`
export const reportPath = (coachId: number) => `/coaches/${coachId}/report`
export const TEAM_PATH = '/growth/team'
