"""The shipped lesson reads where NN Lab cannot run: its HTML export shows trained pictures.

`jupyter nbconvert --to html` of examples/why-activation-functions.ipynb must show, for the
XOR experiment, the trained ReLU network's picture: its decision surface colours the two
diagonal corners (0, 0) and (1, 1) as one class and the other two corners as the other.
No straight line does that, so an untrained (or linear) picture fails this test.

The PNG is decoded here with zlib alone (8-bit RGB or RGBA, non-interlaced, as Chromium's
canvas writes it), so the test needs no imaging library.
"""

import base64
import json
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

LESSON = Path(__file__).resolve().parent.parent / "examples" / "why-activation-functions.ipynb"
MIME = "application/vnd.nnlab.experiment.v1+json"


def decode_png(data: bytes):
    """(width, height, rows) with rows[y][x] = (r, g, b) of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos = 8
    idat = b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = []
    previous = bytearray(stride)
    i = 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + pred) & 255
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


def hue(pixel):
    """'blue' (class 0), 'orange' (class 1) or None for neutral or grey pixels."""
    r, g, b = pixel
    if b > r + 40:
        return "blue"
    if r > b + 40:
        return "orange"
    return None


def first_surface(width, height, rows):
    """Bounding box of the first decision surface: tinted rows in the picture's left half."""
    top = bottom = None
    left, right = width, 0
    for y in range(height):
        tinted = [x for x in range(width // 2) if hue(rows[y][x])]
        if len(tinted) > 60:
            top = y if top is None else top
            bottom = y
            left = min(left, tinted[0])
            right = max(right, tinted[-1])
        elif top is not None and bottom is not None and y - bottom > 5:
            break
    assert top is not None, "no decision surface in the picture"
    return left, top, right, bottom


def xor_picture(notebook: dict) -> bytes:
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get(MIME)
            if spec and spec["data"]["name"] == "xor" and "boundary" in spec.get("views", []):
                if spec.get("autoplay", True) and spec["network"].get("activation") == "relu":
                    png = output["data"].get("image/png")
                    assert png, "the XOR experiment has no picture"
                    return base64.b64decode("".join(png) if isinstance(png, list) else png)
    raise AssertionError("no XOR experiment in the lesson")


def test_html_export_shows_the_trained_xor_picture(tmp_path):
    pytest.importorskip("nbconvert")
    out = tmp_path / "lesson.html"
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", str(LESSON),
         "--output", str(out)],
        check=True,
        capture_output=True,
    )
    html = out.read_text(encoding="utf-8")
    picture = xor_picture(json.loads(LESSON.read_text(encoding="utf-8")))
    # The export shows the picture itself (not only the text fallback).
    embedded = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert any(base64.b64decode(e) == picture for e in embedded)

    width, height, rows = decode_png(picture)
    left, top, right, bottom = first_surface(width, height, rows)
    # The data corners sit just inside the surface (its range pads [0, 1] by about 10%);
    # sample between the edge and the data points.
    inset_x = (right - left) * 0.03
    inset_y = (bottom - top) * 0.03
    corner = {
        (0, 0): rows[int(bottom - inset_y)][int(left + inset_x)],
        (1, 1): rows[int(top + inset_y)][int(right - inset_x)],
        (0, 1): rows[int(top + inset_y)][int(left + inset_x)],
        (1, 0): rows[int(bottom - inset_y)][int(right - inset_x)],
    }
    hues = {k: hue(v) for k, v in corner.items()}
    assert hues[(0, 0)] == hues[(1, 1)] == "blue", hues
    assert hues[(0, 1)] == hues[(1, 0)] == "orange", hues
