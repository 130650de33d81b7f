import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DOMAIN_KEYS, DOMAINS, type Domain } from '@shared/domain/growth'
import {
  addCoachDirect,
  launchChromium,
  routerClient,
  setUpOfficeDirect,
  signIn,
  startBrowserMode,
  SUPERVISOR,
  waitForHeading,
  watchForPageErrors,
} from './support'

let browser: Browser
let app: Awaited<ReturnType<typeof startBrowserMode>>
let context: BrowserContext
let page: Page
let pageErrors: string[]
let supervisor: Awaited<ReturnType<typeof setUpOfficeDirect>>['call']
let coachId: number

const COACH = { name: 'Robin Ellis', username: 'robin', password: 'robin keeps the river running' }

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  app = await startBrowserMode()
  supervisor = (await setUpOfficeDirect(app)).call
  coachId = await addCoachDirect(supervisor, COACH.name)
  // The coach's account, its first password already changed, so the page signs in straight to the app.
  const first = `${COACH.password} at first`
  await supervisor('accounts.create', {
    username: COACH.username,
    displayName: COACH.name,
    role: 'coach',
    coachId,
    password: first,
  })
  const asCoach = await routerClient(app, COACH.username, first)
  await asCoach('auth.changePassword', { currentPassword: first, newPassword: COACH.password })
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  page = await context.newPage()
  pageErrors = watchForPageErrors(page)
})
afterEach(async () => {
  await context.close()
  await app.stop()
  expect(pageErrors).toEqual([])
})

/** Scores per domain, practice then own, in the grid's reading order. */
type Grid = Record<Domain, [number, number]>
const SUPERVISOR_SCORES: Grid = {
  personal: [8, 7],
  social: [6, 5],
  community: [9, 8],
  connectedness: [7, 7],
  hope: [10, 6],
  identity: [5, 4],
  meaning: [8, 8],
  empowerment: [6, 9],
}
// Hope's practice score is 3 below the supervisor's: a disagreement, shown as it is.
const SELF_SCORES: Grid = {
  personal: [7, 7],
  social: [6, 6],
  community: [8, 8],
  connectedness: [7, 6],
  hope: [7, 6],
  identity: [5, 5],
  meaning: [9, 8],
  empowerment: [6, 8],
}

const cell = (domain: Domain, track: 'Practice' | 'Own recovery') => page.getByLabel(`${DOMAINS[domain]}: ${track}`)
const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '')

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await waitForHeading(page, 'Sign in')
}

/** Types all sixteen scores from the first cell on, digits only: each whole score moves on by itself. */
async function typeScores(grid: Grid) {
  await cell('personal', 'Practice').focus()
  for (const domain of DOMAIN_KEYS) {
    for (const score of grid[domain]) await page.keyboard.type(String(score))
  }
}

async function expectDraftSaved() {
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Draft saved' }).count()).toBe(1)
}

async function completeTheAssessment() {
  await page.getByRole('button', { name: 'Complete and lock' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Complete and lock' }).click()
  await expect.poll(() => page.getByText('is completed and locked').count()).toBe(1)
}

const DIFFERS = '(differs by 3+)'

/** The rows of one domain's table as "Rated by practice own", latest first. */
async function domainRows(domain: Domain): Promise<string[]> {
  const rows = page.getByRole('region', { name: `${DOMAINS[domain]}: table of the scores` }).locator('tbody tr')
  return (await rows.allInnerTexts()).map((text) =>
    text
      .split('\t')
      .slice(1)
      .map((part) => part.replace(DIFFERS, '').trim())
      .join(' '),
  )
}

describe('growth in the browser', () => {
  it('a supervisor and a coach each rate by keyboard; the coach sees the supervisor rating only once completed', async () => {
    const loadedBeforeSignIn: string[] = []
    page.on('request', (request) => loadedBeforeSignIn.push(request.url()))
    await page.goto(app.server.url)
    await waitForHeading(page, 'Sign in')
    // The charts come with the growth pages, not with the sign-in screen.
    expect(loadedBeforeSignIn.filter((url) => /Growth|recharts/i.test(url))).toEqual([])
    page.removeAllListeners('request')

    // The supervisor reaches the coach's growth from the coach's page and rates them by keyboard, as a draft.
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)
    await page.getByRole('link', { name: COACH.name }).click()
    await page
      .getByRole('navigation', { name: /Parts of/ })
      .getByRole('link', { name: 'Growth' })
      .click()
    await expect
      .poll(() => page.getByRole('heading', { name: `No completed ratings of ${COACH.name} yet` }).count())
      .toBe(1)
    await page.getByRole('button', { name: 'Start a supervisor rating' }).click()
    await waitForHeading(page, /^Supervisor rating of Robin Ellis/)
    await typeScores(SUPERVISOR_SCORES)
    // The band word shows as a score is typed, the previous one is not there for a first rating.
    const personal = page.getByRole('row', { name: /Personal recovery capital/ })
    expect(await personal.textContent()).toContain('Established')
    expect(await page.getByLabel('Hope: Practice').inputValue()).toBe('10')
    await expectDraftSaved()
    const supervisorDraft = Number(/assessments\/(\d+)/.exec(page.url())![1])
    await signOut()

    // The coach lands on their growth page: no ratings for them to see yet, and no trace of the draft.
    await signIn(page, COACH.username, COACH.password)
    await expect.poll(() => page.getByRole('heading', { name: 'Your growth chart starts here' }).count()).toBe(1)
    expect(await page.getByRole('main').textContent()).not.toContain('Dana Whitfield')
    expect(await page.getByRole('heading', { name: 'Drafts' }).count()).toBe(0)
    await page.goto(`${app.server.url}#/assessments/${supervisorDraft}`)
    await waitForHeading(page, 'You do not have access to this page')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My growth' }).click()

    // The coach's own self-assessment: arrows move in the grid, digits score it.
    await page.getByRole('button', { name: 'Start your first self-assessment' }).click()
    await waitForHeading(page, /^Self-assessment of Robin Ellis/)
    await cell('personal', 'Practice').focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await focusedId()).toBe('assessment-community_practice')
    await page.keyboard.press('ArrowRight')
    expect(await focusedId()).toBe('assessment-community_own')
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowUp')
    expect(await focusedId()).toBe('assessment-social_practice')
    await typeScores(SELF_SCORES)
    // A typo, put right by keyboard: Backspace blanks, a digit replaces.
    await cell('meaning', 'Own recovery').focus()
    await page.keyboard.press('Backspace')
    expect(await cell('meaning', 'Own recovery').inputValue()).toBe('')
    await page.keyboard.type('8')
    await expectDraftSaved()
    await completeTheAssessment()
    await expect.poll(() => domainRows('hope')).toEqual(['Self 7 6'])

    // The supervisor completes their draft.
    await signOut()
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)
    await page.goto(`${app.server.url}#/coaches/${coachId}?tab=growth`)
    await page.getByRole('link', { name: /^Continue your draft of/ }).click()
    await waitForHeading(page, /^Supervisor rating of Robin Ellis/)
    // Beside each cell the previous supervisor rating's score: there is none (the coach's own are not shown as one).
    expect(await page.getByText('before:').count()).toBe(0)
    await completeTheAssessment()
    await signOut()

    // The coach now sees both ratings, and the tables hold exactly what was typed.
    await signIn(page, COACH.username, COACH.password)
    await expect.poll(() => page.getByRole('heading', { name: 'Each domain over time' }).count()).toBe(1)
    // One section is current in the navigation, although "My profile" is the same record's page.
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.getByRole('link', { name: 'My growth' }).getAttribute('aria-current')).toBe('page')
    expect(await nav.getByRole('link', { name: 'My profile' }).getAttribute('aria-current')).toBeNull()
    for (const domain of DOMAIN_KEYS) {
      await expect.poll(async () => (await domainRows(domain)).length).toBe(2)
      const rows = await domainRows(domain)
      expect(rows).toContain(`Supervisor ${SUPERVISOR_SCORES[domain].join(' ')}`)
      expect(rows).toContain(`Self ${SELF_SCORES[domain].join(' ')}`)
      const card = page.getByRole('region', { name: DOMAINS[domain], exact: true })
      // Each chart is drawn as its card comes near the window.
      await card.scrollIntoViewIfNeeded()
      const legend = await card.locator('.recharts-legend-wrapper').textContent()
      for (const series of [
        'Self, practice',
        'Self, own recovery',
        'Supervisor, practice',
        'Supervisor, own recovery',
      ]) {
        expect(legend).toContain(series)
      }
    }
    // Marked in Hope's table too, on both ratings' practice score.
    const hope = page.getByRole('region', { name: `${DOMAINS.hope}: table of the scores` })
    expect(await hope.getByText(DIFFERS).count()).toBe(2)
    const differences = page.getByRole('region', { name: 'Where self and supervisor see it differently' })
    const differenceRows = await differences.locator('tbody tr').allInnerTexts()
    expect(differenceRows).toHaveLength(1)
    expect(differenceRows[0]).toContain('Hope')
    expect(differenceRows[0]).toContain('+3')
  })

  it('renders the development report to a PDF that holds the coach, the office and the eight domains', async () => {
    // Two completed ratings, arranged through the router: the report is what is tested here.
    const asCoach = await routerClient(app, COACH.username, COACH.password)
    const today = (await asCoach<{ today: string }>('growth.coach', { coachId })).today
    for (const [call, grid] of [
      [asCoach, SELF_SCORES],
      [supervisor, SUPERVISOR_SCORES],
    ] as const) {
      const scores = Object.fromEntries(DOMAIN_KEYS.map((d) => [d, { practice: grid[d][0], own: grid[d][1] }]))
      const draft = await call<{ id: number; version: number }>('assessments.create', {
        coachId,
        assessedOn: today,
        scores,
        notes: { hope: 'Talks about the future with the people they support' },
        overallNote: 'A steady quarter',
      })
      await call('assessments.complete', { id: draft.id, expectedVersion: draft.version })
    }

    await page.goto(app.server.url)
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)

    // The team view first: one coach behind each figure, and nobody overdue for a supervisor rating.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team growth' }).click()
    await waitForHeading(page, 'Team growth')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'chosen' }).textContent()).toContain('1 coach')
    const teamHope = page.getByRole('region', { name: `${DOMAINS.hope}: table of the team's averages` })
    expect((await teamHope.locator('tbody tr').allInnerTexts()).map((row) => row.replace(/\s+/g, ' '))).toEqual([
      expect.stringMatching(/^\d{4}-Q\d 10 \(1 coach, 10–10, sd 0\) 6 \(1 coach, 6–6, sd 0\)$/),
    ])
    expect(await page.getByText('Everyone chosen has a supervisor rating from the last 90 days.').count()).toBe(1)

    await page.goto(`${app.server.url}#/coaches/${coachId}?tab=growth`)
    await page.getByRole('link', { name: 'Development report' }).click()
    await waitForHeading(page, `Development report: ${COACH.name}`)
    // One date only: each line is a single dot, drawn but of no size.
    await page.locator('.recharts-line').first().waitFor({ state: 'attached' })

    const folder = mkdtempSync(join(tmpdir(), 'casebook-report-'))
    try {
      const file = join(folder, 'report.pdf')
      await page.pdf({ path: file, format: 'A4', printBackground: true })
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
      expect(text).toContain(COACH.name)
      expect(text).toContain(SUPERVISOR.officeName)
      for (const domain of DOMAIN_KEYS) expect(text).toContain(DOMAINS[domain])
      expect(text).toContain('not a validated clinical instrument')
      expect(text).toContain('Talks about the future with the people they support')
      // Printed without the app around it.
      expect(text).not.toContain('Sign out')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('tells the second of two windows saving the same draft, and saves nothing over the first', async () => {
    const asCoach = await routerClient(app, COACH.username, COACH.password)
    const today = (await asCoach<{ today: string }>('growth.coach', { coachId })).today
    const draft = await asCoach<{ id: number }>('assessments.create', { coachId, assessedOn: today })
    const saved = () =>
      asCoach<{ scores: Record<Domain, { practice: number | null; own: number | null }> }>('assessments.get', {
        id: draft.id,
      })

    await page.goto(app.server.url)
    await signIn(page, COACH.username, COACH.password)
    await page.goto(`${app.server.url}#/assessments/${draft.id}`)
    const other = await context.newPage()
    const otherErrors = watchForPageErrors(other)
    // A new tab signs in on its own: the session token lives in each page's memory only.
    await other.goto(app.server.url)
    await signIn(other, COACH.username, COACH.password)
    await other.goto(`${app.server.url}#/assessments/${draft.id}`)
    for (const window of [page, other]) await window.getByLabel('Meaning: Practice').waitFor()

    await cell('meaning', 'Practice').focus()
    await page.keyboard.type('3')
    await expectDraftSaved()
    await other.getByLabel('Meaning: Own recovery').focus()
    await other.keyboard.type('4')
    const conflict = other.getByRole('alert').filter({ hasText: 'Someone else changed this draft' })
    await conflict.waitFor()
    // The first window's score is kept and shown in the second; the second's typing is not saved yet.
    expect((await saved()).scores.meaning).toEqual({ practice: 3, own: null })
    expect(await other.getByLabel('Meaning: Practice').inputValue()).toBe('3')
    expect(await other.getByLabel('Meaning: Own recovery').inputValue()).toBe('4')

    await conflict.getByRole('button', { name: 'Save my version over theirs' }).click()
    await expect.poll(() => other.getByRole('status').filter({ hasText: 'Draft saved' }).count()).toBe(1)
    expect((await saved()).scores.meaning).toEqual({ practice: 3, own: 4 })
    expect(otherErrors).toEqual([])
  })
})
