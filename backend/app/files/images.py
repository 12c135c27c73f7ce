"""Profile pictures: decoded with a pixel limit, re-encoded without their
metadata, cropped square at fixed sizes.

Decoding is where a hostile image does its harm (a few kilobytes of PNG
that inflate to gigabytes of pixels), so the size in the header is checked
before a single pixel is decoded. Re-encoding keeps only the pixels: EXIF
(a phone's GPS position), comments, and whatever a polyglot hid after the
image data are all left behind.
"""

from dataclasses import dataclass
from io import BytesIO
from typing import IO

from PIL import Image, ImageOps, UnidentifiedImageError

from app.core.errors import BadRequest

# Sizes kept of every picture, in pixels a side: the settings page's
# preview and the header menu's and tables' thumbnails.
AVATAR_SIZES = (256, 64)
AVATAR_TYPE = "image/webp"
DECODED_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")


class ImageRefused(BadRequest):
    """An upload that is an image by its first bytes but not one we can use."""


@dataclass(frozen=True, slots=True)
class CropBox:
    """A square of the picture, in its pixels as it is shown: after its EXIF
    orientation is applied, as a browser draws it."""

    x: int
    y: int
    size: int

    def inside(self, width: int, height: int) -> bool:
        return (
            self.x >= 0
            and self.y >= 0
            and self.size > 0
            and self.x + self.size <= width
            and self.y + self.size <= height
        )


def avatar_renditions(
    source: IO[bytes], *, max_pixels: int, crop: CropBox | None = None
) -> dict[int, bytes]:
    """WebP encodings of the image at each of AVATAR_SIZES, or ImageRefused:
    of `crop` when given, else of the largest square at its centre."""
    try:
        with Image.open(source, formats=DECODED_FORMATS) as image:
            if image.width * image.height > max_pixels:
                raise ImageRefused(
                    f"The image is {image.width}×{image.height} pixels; "
                    f"pictures up to {max_pixels // 1_000_000} megapixels are accepted"
                )
            image.seek(0)  # an animation's first frame
            picture = ImageOps.exif_transpose(image)
            picture = picture.convert("RGBA" if has_alpha(picture) else "RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefused("The image is too large to open") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRefused("The image could not be read; it may be damaged") from error
    if crop is not None:
        if not crop.inside(picture.width, picture.height):
            raise ImageRefused(
                f"The crop ({crop.size}×{crop.size} pixels at {crop.x}, {crop.y}) does not fit "
                f"inside the {picture.width}×{picture.height} picture"
            )
        picture = picture.crop((crop.x, crop.y, crop.x + crop.size, crop.y + crop.size))
    renditions = {}
    for size in AVATAR_SIZES:
        square = ImageOps.fit(picture, (size, size), method=Image.Resampling.LANCZOS)
        out = BytesIO()
        square.save(out, format="WEBP", quality=85)
        renditions[size] = out.getvalue()
    return renditions


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
