"""Checks on podcast and episode artwork.

Apple Podcasts refuses a show whose artwork is not a square JPEG or PNG between 1400 and
3000 pixels wide in the RGB colour space, and other apps follow the same rules. Wagtail
accepts any image, so these checks run when artwork is chosen, with a message saying what
to change rather than a feed that directories quietly reject.
"""

import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

ARTWORK_MIN_PIXELS = 1400
ARTWORK_MAX_PIXELS = 3000
_FORMATS = {
    "JPEG": ("jpeg", "image/jpeg"),
    "MPO": ("jpeg", "image/jpeg"),
    "PNG": ("png", "image/png"),
}
_TRANSPARENT_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
_MODE_NAMES = {
    "1": gettext_lazy("black and white (1 bit)"),
    "L": gettext_lazy("greyscale"),
    "I": gettext_lazy("32-bit greyscale"),
    "I;16": gettext_lazy("16-bit greyscale"),
    "F": gettext_lazy("floating-point greyscale"),
    "P": gettext_lazy("indexed colour (a palette)"),
}


@dataclass(frozen=True)
class ArtworkInfo:
    width: int
    height: int
    format: str  # "jpeg" or "png"
    mime_type: str


def validate_artwork(fileobj):
    """Return the ArtworkInfo of a JPEG or PNG that podcast apps accept, or raise
    ValidationError listing what to change. The file is left at position 0."""
    fileobj.seek(0)
    try:
        with _open_image(fileobj) as image:
            return _check_image(image)
    finally:
        fileobj.seek(0)


def _open_image(fileobj):
    """Open the image (reading only its header), refusing what is not a JPEG or PNG and
    images with so many pixels that decoding them could exhaust the server's memory."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(fileobj, formats=("JPEG", "PNG"))
    except UnidentifiedImageError as error:
        raise ValidationError(
            _("The artwork must be a JPEG or PNG image, and this file is neither."),
            code="not_jpeg_or_png",
        ) from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _(
                "The artwork has too many pixels to open safely. Podcast apps need a square "
                "image between %(min)s × %(min)s and %(max)s × %(max)s pixels."
            ),
            code="too_many_pixels",
            params={"min": ARTWORK_MIN_PIXELS, "max": ARTWORK_MAX_PIXELS},
        ) from error


def _check_image(image):
    problems = [problem for problem in (_size_problem(image), _colour_problem(image)) if problem]
    if problems:
        raise ValidationError(problems)
    _decode(image)
    image_format, mime_type = _FORMATS[image.format]
    return ArtworkInfo(image.width, image.height, image_format, mime_type)


def _size_problem(image):
    width, height = image.size
    if width == height and ARTWORK_MIN_PIXELS <= width <= ARTWORK_MAX_PIXELS:
        return None
    return ValidationError(
        _(
            "The artwork is %(width)s × %(height)s pixels. Podcast apps need a square image "
            "between %(min)s × %(min)s and %(max)s × %(max)s pixels."
        ),
        code="size",
        params={
            "width": width,
            "height": height,
            "min": ARTWORK_MIN_PIXELS,
            "max": ARTWORK_MAX_PIXELS,
        },
    )


def _colour_problem(image):
    """Apple requires RGB; transparency shows as black or white depending on the app."""
    if image.mode in _TRANSPARENT_MODES or "transparency" in image.info:
        return ValidationError(
            _(
                "The artwork has transparent areas, which apps show as black or white. "
                "Give it a solid background and save it without transparency (as RGB)."
            ),
            code="transparency",
        )
    if image.mode == "CMYK":
        return ValidationError(
            _(
                "The artwork uses the CMYK colour space, which is meant for print. Podcast "
                "apps need RGB: convert the image to RGB and save it again."
            ),
            code="colour_space",
        )
    if image.mode != "RGB":
        return ValidationError(
            _(
                "The artwork is in %(mode)s. Podcast apps need a full-colour RGB image: "
                "convert it to RGB and save it again."
            ),
            code="colour_space",
            params={"mode": _MODE_NAMES.get(image.mode, image.mode)},
        )
    return None


def _decode(image):
    """Decode the pixels, which finds files cut short or damaged after a valid header."""
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The artwork file is damaged or incomplete. Export the image again."),
            code="damaged",
        ) from error
