import { type PointerEvent, useEffect, useId, useRef, useState } from 'react'
import {
  type CropBox,
  centredCrop,
  MAX_ZOOM,
  moved,
  type PictureSize,
  zoomed,
  zoomOf,
} from './crop'

// The preview's canvas resolution; it is shown at 160 CSS pixels, sharp on dense screens.
const PREVIEW_PIXELS = 256

type Props = {
  /** The chosen file's object URL. */
  src: string
  crop: CropBox | null
  onCropChange: (crop: CropBox) => void
}

/**
 * The square of the picture that will be kept, drawn from the same box that is
 * sent to the server: drag the picture to move it, or use the sliders (zoom,
 * left to right, top to bottom), which the keyboard reaches. The browser applies
 * a photo's orientation as the server does.
 */
export function AvatarCropper({ src, crop, onCropChange }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const dragFrom = useRef<{ x: number; y: number; crop: CropBox } | null>(null)
  const [picture, setPicture] = useState<HTMLImageElement | null>(null)

  useEffect(() => {
    const image = new Image()
    image.onload = () => {
      setPicture(image)
      onCropChange(centredCrop(sizeOf(image)))
    }
    image.src = src
    return () => {
      image.onload = null
    }
  }, [src, onCropChange])

  useEffect(() => {
    const context = canvas.current?.getContext('2d')
    if (!context || !picture || !crop) return
    context.clearRect(0, 0, PREVIEW_PIXELS, PREVIEW_PIXELS)
    context.drawImage(
      picture,
      crop.x,
      crop.y,
      crop.size,
      crop.size,
      0,
      0,
      PREVIEW_PIXELS,
      PREVIEW_PIXELS,
    )
  }, [picture, crop])

  const size = picture ? sizeOf(picture) : null
  const zoom = size && crop ? zoomOf(crop, size) : 1
  const onPointerDown = (event: PointerEvent) => {
    if (!crop) return
    event.currentTarget.setPointerCapture(event.pointerId)
    dragFrom.current = { x: event.clientX, y: event.clientY, crop }
  }

  const onPointerMove = (event: PointerEvent) => {
    const from = dragFrom.current
    if (!from || !size) return
    // Picture pixels under one CSS pixel of the preview.
    const scale = from.crop.size / (canvas.current?.clientWidth || 1)
    // Dragging the picture right shows more of its left: the box moves the other way.
    const dx = -(event.clientX - from.x) * scale
    const dy = -(event.clientY - from.y) * scale
    onCropChange(moved(from.crop, size, dx, dy))
  }

  return (
    <div className="grid justify-items-center gap-3">
      <canvas
        ref={canvas}
        width={PREVIEW_PIXELS}
        height={PREVIEW_PIXELS}
        role="img"
        aria-label="Your new avatar, as it will be cropped"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => {
          dragFrom.current = null
        }}
        className="size-40 cursor-move touch-none rounded-full bg-muted"
      />
      <p className="max-w-56 text-center text-xs text-muted-foreground">
        Drag the picture, or use the sliders, to choose the square to keep.
      </p>
      <div className="grid grid-cols-[auto_8rem] items-center gap-x-3 gap-y-1 text-sm">
        <CropSlider
          label="Zoom"
          min={1}
          max={MAX_ZOOM}
          step={0.05}
          value={zoom}
          onValue={(value) => size && crop && onCropChange(zoomed(crop, size, value))}
        />
        <CropSlider
          label="Left to right"
          min={0}
          max={size && crop ? size.width - crop.size : 0}
          value={crop?.x ?? 0}
          onValue={(value) => size && crop && onCropChange(moved(crop, size, value - crop.x, 0))}
        />
        <CropSlider
          label="Top to bottom"
          min={0}
          max={size && crop ? size.height - crop.size : 0}
          value={crop?.y ?? 0}
          onValue={(value) => size && crop && onCropChange(moved(crop, size, 0, value - crop.y))}
        />
      </div>
    </div>
  )
}

type SliderProps = {
  label: string
  min: number
  max: number
  step?: number
  value: number
  onValue: (value: number) => void
}

/** A labelled range input; disabled when there is nothing to choose (min = max). */
function CropSlider({ label, min, max, step = 1, value, onValue }: SliderProps) {
  const id = useId()
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={max <= min}
        onChange={(event) => onValue(Number(event.target.value))}
        className="accent-primary"
      />
    </>
  )
}

function sizeOf(image: HTMLImageElement): PictureSize {
  return { width: image.naturalWidth, height: image.naturalHeight }
}
