import { createQueryId, type Compilable, type CompiledQuery } from 'kysely'
import type { Db } from './schema'

/** Stands for the `index`th argument while a query is compiled once; never reaches SQLite. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * A query whose SQL does not depend on its arguments (no branches on them, no lists whose length varies), built and
 * compiled by Kysely once and then run with each call's arguments bound in their places. Kysely otherwise builds and
 * compiles the same query on every call, which for a short read costs as much as SQLite running it. The statement
 * itself is kept prepared by the connection (db/open.ts), so a call is the bind and the step alone.
 *
 * `build` is called once, with stand-ins for the arguments; it must pass each argument only as a value.
 */
export function prepared<A extends readonly unknown[], O>(
  build: (db: Db, ...args: A) => Compilable<O>,
): (db: Db, ...args: A) => Promise<O[]> {
  let compiled: { sql: string; query: CompiledQuery<O>['query']; fixed: readonly unknown[]; slots: number[] } | null =
    null
  return async (db, ...args) => {
    if (!compiled) {
      const stand = args.map((_, i) => new Slot(i)) as unknown as A
      const once = build(db, ...stand).compile()
      const slots = once.parameters.map((value) => (value instanceof Slot ? value.index : -1))
      for (let i = 0; i < args.length; i++) {
        if (!slots.includes(i)) throw new Error(`A prepared query used its argument ${i} other than as a value`)
      }
      compiled = { sql: once.sql, query: once.query, fixed: once.parameters, slots }
    }
    const { sql, query, fixed, slots } = compiled
    const parameters = slots.map((slot, i) => (slot >= 0 ? args[slot] : fixed[i]))
    const result = await db.executeQuery<O>({ sql, query, parameters, queryId: createQueryId() })
    return result.rows
  }
}
