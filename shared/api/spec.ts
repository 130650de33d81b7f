import { z } from 'zod'

/** A channel's two schemas: what its input must pass, and what its answer follows. */
export interface ChannelSpec {
  input: z.ZodType
  output: z.ZodType
}

/** The input of a channel that takes none: `{}` or nothing at all. */
export const NoInput = z
  .strictObject({})
  .optional()
  .transform(() => ({}))
