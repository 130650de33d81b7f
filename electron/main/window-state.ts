import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { screen, type BrowserWindow, type Rectangle } from 'electron'

interface WindowState {
  bounds: Rectangle
  maximized: boolean
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1200, height: 800 }, maximized: false }

/** The last size and position, if it still fits on a connected display. */
export function loadWindowState(file: string): WindowState & { placed: boolean } {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as WindowState
    const { x, y, width, height } = state.bounds
    const visible = screen
      .getAllDisplays()
      .some(({ workArea: a }) => x < a.x + a.width && x + width > a.x && y < a.y + a.height && y + height > a.y)
    if (visible && width >= 400 && height >= 300) return { ...state, placed: true }
  } catch {
    // first run or an unreadable file: use the default
  }
  return { ...DEFAULT, placed: false }
}

export function trackWindowState(window: BrowserWindow, file: string) {
  let timer: NodeJS.Timeout | undefined
  const save = () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    writeFileSync(`${file}.tmp`, JSON.stringify(state))
    renameSync(`${file}.tmp`, file)
  }
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('close', () => {
    clearTimeout(timer)
    save()
  })
}
