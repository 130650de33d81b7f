import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { useWindowVirtualizer } from '@tanstack/react-virtual'

interface VirtualRowsProps<T> {
  items: readonly T[]
  rowKey(item: T): string | number
  /** The row's cells (a `<th scope="row">` and `<td>`s). */
  cells(item: T): ReactNode
  /** How many columns the table has, for the spacer rows. */
  columns: number
  /** A first guess at a row's height; each row is measured once shown. */
  estimateRowHeight?: number
}

/** Up to this many rows are simply all in the page; beyond it only those near the view are. */
const ALL_ROWS_UP_TO = 100

/**
 * A table body that keeps only the rows in view (and a few around them) in the page, however long the list: rows
 * scrolled far away are replaced by one spacer row above and one below, of their height. The table stays a real
 * table for screen readers; give it `aria-rowcount` so the whole length is announced, and each row says its place.
 */
export function VirtualRows<T>({ items, rowKey, cells, columns, estimateRowHeight = 44 }: VirtualRowsProps<T>) {
  const bodyRef = useRef<HTMLTableSectionElement>(null)
  const [scrollMargin, setScrollMargin] = useState(0)
  useLayoutEffect(() => {
    const body = bodyRef.current
    if (body) setScrollMargin(body.getBoundingClientRect().top + window.scrollY)
  }, [])
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => estimateRowHeight,
    overscan: 12,
    scrollMargin,
    getItemKey: (index) => rowKey(items[index]!),
  })
  if (items.length <= ALL_ROWS_UP_TO) {
    return (
      <tbody ref={bodyRef}>
        {items.map((item, index) => (
          <tr key={rowKey(item)} aria-rowindex={index + 2}>
            {cells(item)}
          </tr>
        ))}
      </tbody>
    )
  }
  const shown = virtualizer.getVirtualItems()
  const last = shown[shown.length - 1]
  const before = shown[0] ? shown[0].start - scrollMargin : 0
  const after = last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0
  return (
    <tbody ref={bodyRef}>
      {before > 0 ? <Spacer height={before} columns={columns} /> : null}
      {shown.map((row) => (
        <tr key={row.key} ref={virtualizer.measureElement} data-index={row.index} aria-rowindex={row.index + 2}>
          {cells(items[row.index]!)}
        </tr>
      ))}
      {after > 0 ? <Spacer height={after} columns={columns} /> : null}
    </tbody>
  )
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" className="virtual-spacer" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  )
}
