#!/usr/bin/env python3
"""Draws the TLS Switch icon (tlsswitch.ico): a padlock on a rounded green square,
at 16, 32 and 48 pixels. Every pixel is one of three colours or transparent, so each
image is 16 colours (4 bits a pixel) with a transparency mask: the same picture as 32-bit
with alpha, at a fifth of the bytes, and XP shows it alike. Run it again only to change
the icon; the build uses the committed tlsswitch.ico and does not need Python."""
import struct
import sys


def inside_rounded(x, y, left, top, right, bottom, radius):
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def pixel(size, x, y):
    """Colour (b, g, r, a) at the centre of pixel (x, y), top-left origin."""
    s = size
    px, py = (x + 0.5) / s, (y + 0.5) / s
    background = (0x3a, 0x8e, 0x2e, 0xff)       # green square
    body = (0xf4, 0xf4, 0xf4, 0xff)             # white lock body
    keyhole = (0x2a, 0x5e, 0x1f, 0xff)
    if not inside_rounded(px, py, 0.03, 0.03, 0.97, 0.97, 0.18):
        return (0, 0, 0, 0)
    # lock body
    if 0.24 <= px <= 0.76 and 0.46 <= py <= 0.86:
        if (px - 0.5) ** 2 + (py - 0.60) ** 2 <= 0.06 ** 2 or (0.47 <= px <= 0.53 and 0.60 <= py <= 0.76):
            return keyhole
        return body
    # shackle: a ring between two radii, upper half, plus its legs
    r = ((px - 0.5) ** 2 + (py - 0.40) ** 2) ** 0.5
    if py <= 0.40 and 0.15 <= r <= 0.23:
        return body
    if 0.40 < py < 0.46 and (0.27 <= px <= 0.35 or 0.65 <= px <= 0.73):
        return body
    return background


PALETTE = [(0, 0, 0, 0), (0x3a, 0x8e, 0x2e, 0xff), (0xf4, 0xf4, 0xf4, 0xff), (0x2a, 0x5e, 0x1f, 0xff)]


def image(size):
    """A 4-bit DIB: header, 16-colour palette, colour indexes, then the AND mask (1 where
    the pixel is transparent), both bottom-up as BMP stores them."""
    pixel_rows, mask_rows = [], []
    for y in range(size - 1, -1, -1):
        indexes = [PALETTE.index(pixel(size, x, y)) for x in range(size)]
        row = bytes((indexes[x] << 4) | indexes[x + 1] for x in range(0, size, 2))
        pixel_rows.append(row + b"\0" * (-len(row) % 4))
        mask = bytearray(((size + 31) // 32) * 4)
        for x, index in enumerate(indexes):
            if index == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        mask_rows.append(bytes(mask))
    body = b"".join(pixel_rows) + b"".join(mask_rows)
    palette = b"".join(struct.pack("4B", b, g, r, 0) for b, g, r, _ in PALETTE) + b"\0" * 4 * (16 - len(PALETTE))
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 4, 0, len(body), 0, 0, 16, 0)
    return header + palette + body


def main(path):
    sizes = [16, 32, 48]
    images = [image(s) for s in sizes]
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for s, data in zip(sizes, images):
        out += struct.pack("<BBBBHHII", s, s, 16, 0, 1, 4, len(data), offset)
        offset += len(data)
    out += b"".join(images)
    with open(path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tlsswitch.ico")
