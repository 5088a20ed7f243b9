"""QR codes for printed posters, drawn on the server as inline SVG (no JavaScript)."""

import segno
from django.utils.safestring import mark_safe


def qr_code_svg(url, scale=8):
    """An inline SVG QR code for `url`, with quiet zone, dark on white for any printer.

    Error correction level M keeps the code readable when a poster gets a bit worn.
    """
    code = segno.make_qr(url, error="m")
    svg = code.svg_inline(scale=scale, dark="#000", light="#fff", omitsize=True)
    # segno's SVG holds drawing elements only; the URL becomes modules, never markup.
    return mark_safe(svg)  # noqa: S308
