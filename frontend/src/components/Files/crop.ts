/** A square of a picture, in the picture's own pixels, as the server takes it. */
export type CropBox = { x: number; y: number; size: number }
export type PictureSize = { width: number; height: number }

export const MAX_ZOOM = 4

/** The largest square at the picture's centre: what the server keeps without a crop. */
export function centredCrop(picture: PictureSize): CropBox {
  const size = Math.min(picture.width, picture.height)
  return {
    x: Math.floor((picture.width - size) / 2),
    y: Math.floor((picture.height - size) / 2),
    size,
  }
}

/** How far in the crop is: 1 for the largest square, up to MAX_ZOOM. */
export function zoomOf(crop: CropBox, picture: PictureSize): number {
  return Math.min(picture.width, picture.height) / crop.size
}

/** The box moved by (dx, dy) picture pixels, kept inside the picture. */
export function moved(crop: CropBox, picture: PictureSize, dx: number, dy: number): CropBox {
  return {
    ...crop,
    x: clamp(Math.round(crop.x + dx), 0, picture.width - crop.size),
    y: clamp(Math.round(crop.y + dy), 0, picture.height - crop.size),
  }
}

/** The box at another zoom, around the same centre, kept inside the picture. */
export function zoomed(crop: CropBox, picture: PictureSize, zoom: number): CropBox {
  const largest = Math.min(picture.width, picture.height)
  const size = Math.max(1, Math.floor(largest / clamp(zoom, 1, MAX_ZOOM)))
  const centreX = crop.x + crop.size / 2
  const centreY = crop.y + crop.size / 2
  return moved({ x: centreX - size / 2, y: centreY - size / 2, size }, picture, 0, 0)
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high)
}
