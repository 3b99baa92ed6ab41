"""Abstract illustrations drawn with Pillow, so demo cases have real images without shipping any."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 675

# Colour pairs chosen to look calm together; one per illustration, cycled.
PALETTES = [
    ((11, 79, 138), (255, 211, 77), "blått och gult"),
    ((20, 110, 90), (200, 230, 201), "grönt"),
    ((120, 40, 90), (255, 190, 170), "plommon och aprikos"),
    ((30, 60, 90), (120, 190, 220), "blått"),
    ((160, 70, 20), (250, 225, 180), "orange och sand"),
    ((60, 60, 70), (180, 210, 120), "grått och limegrönt"),
]


def draw_illustration(seed: int) -> tuple[bytes, str]:
    """A PNG of soft overlapping shapes, and a Swedish phrase naming its colours."""
    rng = random.Random(seed)
    dark, light, colour_words = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (WIDTH, HEIGHT), light)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        mix = y / HEIGHT
        row = tuple(int(light[i] * (1 - mix * 0.35) + dark[i] * mix * 0.35) for i in range(3))
        draw.line([(0, y), (WIDTH, y)], fill=row)
    for _ in range(rng.randint(5, 9)):
        radius = rng.randint(60, 260)
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        shade = rng.uniform(0.4, 1.0)
        colour = tuple(int(dark[i] * shade + light[i] * (1 - shade)) for i in range(3))
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(radius=2))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), colour_words
