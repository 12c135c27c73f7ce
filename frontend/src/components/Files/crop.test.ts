import { describe, expect, it } from 'vitest'
import { centredCrop, moved, zoomed, zoomOf } from './crop'

const WIDE = { width: 300, height: 200 }

describe('the crop box', () => {
  it('starts as the largest square at the centre, as the server keeps without one', () => {
    expect(centredCrop(WIDE)).toEqual({ x: 50, y: 0, size: 200 })
    expect(centredCrop({ width: 1, height: 1 })).toEqual({ x: 0, y: 0, size: 1 })
  })

  it('moves, but never out of the picture', () => {
    const start = centredCrop(WIDE)
    expect(moved(start, WIDE, 30, 0)).toEqual({ x: 80, y: 0, size: 200 })
    expect(moved(start, WIDE, 500, 40)).toEqual({ x: 100, y: 0, size: 200 })
    expect(moved(start, WIDE, -500, -40)).toEqual({ x: 0, y: 0, size: 200 })
  })

  it('zooms around its centre and stays inside at the edges', () => {
    const start = centredCrop(WIDE)
    expect(zoomed(start, WIDE, 2)).toEqual({ x: 100, y: 50, size: 100 })
    const atTheRight = moved(start, WIDE, 100, 0)
    expect(zoomed(zoomed(atTheRight, WIDE, 4), WIDE, 1)).toEqual({ x: 100, y: 0, size: 200 })
  })

  it('keeps its zoom between 1 and 4', () => {
    const start = centredCrop(WIDE)
    expect(zoomOf(zoomed(start, WIDE, 10), WIDE)).toBe(4)
    expect(zoomOf(zoomed(start, WIDE, 0.2), WIDE)).toBe(1)
  })
})
