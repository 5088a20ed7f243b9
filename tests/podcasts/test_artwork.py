"""Artwork is accepted only in the shape and colours podcast directories require."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from podcasts.artwork import ArtworkInfo, validate_artwork


def image_file(size, mode="RGB", image_format="JPEG", **save_options):
    colour = {"RGB": (20, 90, 160), "RGBA": (20, 90, 160, 128), "CMYK": (80, 30, 0, 10)}
    image = Image.new(mode, size, colour.get(mode, 100))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **save_options)
    return buffer.getvalue()


def upload(data, name="artwork.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def refusal(data):
    with pytest.raises(ValidationError) as caught:
        validate_artwork(upload(data))
    return caught.value


def codes(error):
    return [item.code for item in error.error_list]


class TestAccepted:
    @pytest.mark.parametrize("side", [1400, 2048, 3000])
    def test_square_rgb_jpeg(self, side):
        info = validate_artwork(upload(image_file((side, side))))
        assert info == ArtworkInfo(side, side, "jpeg", "image/jpeg")

    def test_square_rgb_png(self):
        info = validate_artwork(upload(image_file((1400, 1400), image_format="PNG")))
        assert info == ArtworkInfo(1400, 1400, "png", "image/png")

    def test_file_is_rewound(self):
        uploaded = upload(image_file((1400, 1400)))
        validate_artwork(uploaded)
        assert uploaded.tell() == 0


class TestSize:
    def test_message_names_the_actual_size(self):
        error = refusal(image_file((1200, 800)))
        assert codes(error) == ["size"]
        assert error.messages == [
            "The artwork is 1200 × 800 pixels. Podcast apps need a square image between "
            "1400 × 1400 and 3000 × 3000 pixels."
        ]

    @pytest.mark.parametrize("size", [(1399, 1399), (3001, 3001), (1400, 1401), (2000, 1500)])
    def test_outside_the_range_or_not_square(self, size):
        error = refusal(image_file(size, image_format="PNG"))
        assert codes(error) == ["size"]
        assert f"{size[0]} × {size[1]} pixels" in error.messages[0]


class TestColour:
    def test_cmyk(self):
        error = refusal(image_file((1400, 1400), mode="CMYK"))
        assert codes(error) == ["colour_space"]
        assert "CMYK" in error.messages[0]

    def test_transparent_png(self):
        error = refusal(image_file((1400, 1400), mode="RGBA", image_format="PNG"))
        assert codes(error) == ["transparency"]
        assert "transparen" in error.messages[0]

    def test_png_with_a_transparent_colour_key(self):
        error = refusal(image_file((1400, 1400), image_format="PNG", transparency=(20, 90, 160)))
        assert codes(error) == ["transparency"]

    def test_greyscale(self):
        error = refusal(image_file((1400, 1400), mode="L"))
        assert codes(error) == ["colour_space"]
        assert "greyscale" in error.messages[0]

    def test_palette(self):
        error = refusal(image_file((1400, 1400), mode="P", image_format="PNG"))
        assert codes(error) == ["colour_space"]
        assert "palette" in error.messages[0]

    def test_size_and_colour_problems_are_reported_together(self):
        error = refusal(image_file((1200, 800), mode="CMYK"))
        assert codes(error) == ["size", "colour_space"]


class TestUnreadable:
    @pytest.mark.parametrize("image_format", ["GIF", "WEBP", "BMP"])
    def test_other_image_formats(self, image_format):
        error = refusal(image_file((1400, 1400), image_format=image_format))
        assert codes(error) == ["not_jpeg_or_png"]
        assert "JPEG or PNG" in error.messages[0]

    def test_not_an_image(self):
        assert codes(refusal(b"%PDF-1.7\n" + bytes(1000))) == ["not_jpeg_or_png"]

    def test_truncated_jpeg(self):
        noise = Image.merge("RGB", [Image.effect_noise((1400, 1400), 60)] * 3)
        buffer = io.BytesIO()
        noise.save(buffer, "JPEG")
        data = buffer.getvalue()
        error = refusal(data[: len(data) // 2])
        assert codes(error) == ["damaged"]

    def test_decompression_bomb_is_refused_without_decoding(self, monkeypatch):
        data = image_file((1500, 1500), image_format="PNG")
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)  # 1500² is over twice this
        error = refusal(data)
        assert codes(error) == ["too_many_pixels"]

    def test_image_over_the_pixel_limit_is_refused_too(self, monkeypatch):
        data = image_file((1400, 1400), image_format="PNG")
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_500_000)  # over it, not twice over
        assert codes(refusal(data)) == ["too_many_pixels"]
