"""Images are decoded and encoded again, so that EXIF (GPS position, camera, time), comments
and text chunks do not survive; and a "pixel flood" is refused before it is decoded.

A PNG of a few hundred kilobytes can claim 13000×13000 pixels: decoding it takes half a
gigabyte per copy. The dimensions are in the header, read without decoding, so the cap is
checked first; and the image is then held in one copy only (orientation applied in place,
no conversion to the mode it already has). The memory of one upload is thus bounded by
the cap times the bytes of a pixel, not by what the file claims."""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from zastita.core.errors import ValidationError

# 40 megapixels: more than any phone camera or A4 scan at 600 dpi (35 MP) gives.
DEFAULT_MAX_PIXELS = 40_000_000
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


def max_pixels() -> int:
    return int(getattr(settings, "ZASTITA_IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def too_many_pixels_message() -> str:
    return _("The image is larger than %(megapixels)s megapixels; send a smaller one.") % {
        "megapixels": floatformat(max_pixels() / 1_000_000, -1)
    }


def _unreadable() -> ValidationError:
    return ValidationError(fields={"file": [_("The image cannot be read.")]})


def without_metadata(data: bytes, content_type: str) -> bytes:
    """The image encoded again without its metadata, upright. Raises ValidationError (field
    "file") for an image that cannot be read or has more pixels than the cap."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns of a large image at opening; the cap below is the stricter answer.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # Only the format the first bytes were checked for: no other decoder is reached.
            opened = Image.open(io.BytesIO(data), formats=[_FORMATS[content_type]])
        with opened as image:
            width, height = image.size  # from the header: nothing is decoded yet
            if width * height > max_pixels():
                raise ValidationError(fields={"file": [too_many_pixels_message()]})
            image.load()
            # In place: `exif_transpose` would otherwise return a whole second copy.
            ImageOps.exif_transpose(image, in_place=True)
            # Pillow would copy a JPEG comment block (it can name a place or a person).
            image.info.pop("comment", None)
            out = io.BytesIO()
            if content_type == "image/jpeg":
                # `convert` to the mode the image already has is a copy too.
                clean = image if image.mode in ("RGB", "L") else image.convert("RGB")
                clean.save(out, "JPEG", quality=92)
            else:
                image.save(out, "PNG")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        raise _unreadable() from None
    return out.getvalue()
