import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { BUSY_TIMEOUT_MS } from './open'

/**
 * Work that grows with the file (an integrity check, a backup's copy) on a worker thread with a read-only connection
 * of its own, so the main thread keeps answering calls meanwhile. In WAL mode that connection reads one consistent
 * snapshot: the last commit before it began, whatever the app's own connection writes while it runs.
 */
export type FileJob =
  | { kind: 'quick_check'; file: string; key: Buffer | null }
  | { kind: 'vacuum_into'; file: string; key: Buffer | null; target: string }

/** What each job answered: quick_check's first line ('ok' when undamaged), or null for a copy. */
export type JobResult = string | null

export class FileJobError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message)
    this.name = 'FileJobError'
  }
}

// Plain CommonJS evaluated in the worker, so it runs the same under Node, tsx, Vitest and the Electron bundle without a
// separate entry file to build. The driver is the main thread's own, resolved there and handed over by path.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Sqlite = require(workerData.driver)
function run(job) {
  const key = job.key ? Buffer.from(job.key.buffer, job.key.byteOffset, job.key.byteLength) : null
  let sqlite = null
  try {
    sqlite = new Sqlite(job.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeout })
    if (key) sqlite.pragma("key = \\"x'" + key.toString('hex') + "'\\"")
    sqlite.pragma('temp_store = MEMORY')
    if (job.kind === 'quick_check') return sqlite.pragma('quick_check', { simple: true })
    sqlite.prepare('VACUUM INTO ?').run(job.target)
    return null
  } finally {
    if (sqlite && sqlite.open) sqlite.close()
    if (key) key.fill(0)
  }
}
parentPort.on('message', ({ id, jobs }) => {
  const results = []
  try {
    for (const job of jobs) results.push(run(job))
    parentPort.postMessage({ id, ok: true, results })
  } catch (error) {
    parentPort.postMessage({ id, ok: false, failure: { message: String(error && error.message), code: error && error.code } })
  } finally {
    for (const job of jobs) if (job.key) job.key.fill(0)
  }
})
`

/**
 * The driver's path, resolved on first use. A bundle run from elsewhere (the crash test's child, built into a temp
 * folder) names it in CASEBOOK_SQLITE_DRIVER, since resolving from its own location would find nothing.
 */
const driverPath = () =>
  process.env.CASEBOOK_SQLITE_DRIVER ?? createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers')

type Answer = { id: number; ok: true; results: JobResult[] } | { id: number; ok: false; failure: FileJobFailure }

interface FileJobFailure {
  message: string
  code?: string | null
}

/**
 * One worker for the whole process, started on first use and kept (it loads the driver once, not per job); it does
 * not keep the process alive while nothing waits on it. Jobs run one after another, in the order they were sent.
 */
class FileWorker {
  private worker: Worker | null = null
  private nextId = 1
  private readonly waiting = new Map<number, { resolve(results: JobResult[]): void; reject(error: unknown): void }>()

  run(jobs: FileJob[]): Promise<JobResult[]> {
    const worker = this.started()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      worker.ref()
      // The keys are copied into the message; the worker zeroes its copies once the jobs are done.
      worker.postMessage({ id, jobs: jobs.map((job) => ({ ...job, key: job.key ? new Uint8Array(job.key) : null })) })
    })
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(SOURCE, {
      eval: true,
      workerData: { driver: driverPath(), busyTimeout: BUSY_TIMEOUT_MS },
    })
    worker.on('message', (answer: Answer) => {
      const waiter = this.waiting.get(answer.id)
      this.waiting.delete(answer.id)
      if (this.waiting.size === 0) worker.unref()
      if (!waiter) return
      if (answer.ok) waiter.resolve(answer.results)
      else waiter.reject(new FileJobError(answer.failure.message, answer.failure.code ?? undefined))
    })
    const fail = (error: unknown) => {
      this.worker = null
      for (const waiter of this.waiting.values()) waiter.reject(error)
      this.waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new FileJobError(`The worker stopped (exit code ${code})`, undefined)))
    worker.unref()
    this.worker = worker
    return worker
  }
}

const fileWorker = new FileWorker()

/** Runs `jobs` in order on the worker thread; the keys are copied to it and zeroed there once used. */
export function runFileJobs(jobs: FileJob[]): Promise<JobResult[]> {
  return fileWorker.run(jobs)
}
