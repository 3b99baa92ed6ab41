"""Draw the site's icons into cms/static/img/: an SVG, PNG fallbacks, the Apple touch icon and
favicon.ico. One description of the mark (MARK) feeds both the SVG and the Pillow drawing, so
the files agree. Run again after changing the mark: `.venv/bin/python tools/icons/make_icons.py`.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "cms" / "static" / "img"
SIZE = 64  # the drawing's own units
BACKGROUND = "#0a5c5a"
CORNER = 12
# Three book spines on the site's teal, the last one leaning: (x, y, width, height, colour, angle).
MARK = [
    (14, 14, 9, 36, "#ffffff", 0),
    (27, 14, 9, 36, "#cfe7e5", 0),
    (41, 15, 9, 34, "#f0a830", -12),
]
SPINE_CORNER = 2


def svg() -> str:
    spines = []
    for x, y, width, height, colour, angle in MARK:
        centre = f"{x + width / 2:g} {y + height / 2:g}"
        turn = f' transform="rotate({angle} {centre})"' if angle else ""
        spines.append(
            f'<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="{SPINE_CORNER}"'
            f' fill="{colour}"{turn}/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{CORNER}" fill="{BACKGROUND}"/>'
        + "".join(spines)
        + "</svg>\n"
    )


def png(pixels: int, *, rounded: bool = True) -> Image.Image:
    """The mark at `pixels` square, drawn 8 times larger and scaled down for smooth edges.
    Without `rounded` the background fills the square (Apple rounds touch icons itself)."""
    scale = pixels * 8 / SIZE
    big = pixels * 8
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (0, 0, big - 1, big - 1), radius=CORNER * scale if rounded else 0, fill=BACKGROUND
    )
    for x, y, width, height, colour, angle in MARK:
        layer = Image.new("RGBA", (big, big), (0, 0, 0, 0))
        ImageDraw.Draw(layer).rounded_rectangle(
            (x * scale, y * scale, (x + width) * scale, (y + height) * scale),
            radius=SPINE_CORNER * scale,
            fill=colour,
        )
        if angle:
            centre = ((x + width / 2) * scale, (y + height / 2) * scale)
            # SVG turns clockwise for positive angles, Pillow counter-clockwise.
            layer = layer.rotate(-angle, resample=Image.BICUBIC, center=centre)
        image = Image.alpha_composite(image, layer)
    return image.resize((pixels, pixels), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(svg())
    for pixels in (32, 192, 512):
        png(pixels).save(OUT / f"icon-{pixels}.png", optimize=True)
    png(180, rounded=False).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
    png(48).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
