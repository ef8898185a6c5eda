"""The map of Europe: its country shapes and where a region's point goes on it.

`maps/europe.json` and `static/maps/europe.svg` are built by `maps/build.mjs` (README: Overview)
from Natural Earth's 1:50m countries (public domain) with d3-geo, in Lambert azimuthal equal-area
centred on 52°N 10°E, as Eurostat's maps use. A region's point is projected here by pyproj with
the same projection on the same sphere, then placed with the build's own scale and translation,
so points and shapes agree to a fraction of a pixel.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django_countries import countries
from pyproj import Proj

DATA = Path(__file__).parent / "maps" / "europe.json"
SPRITE = "maps/europe.svg"  # the static file with the shapes, for <use href="…#id">

# Shapes without an ISO 3166 numeric code in Natural Earth, by their name there.
CODES_BY_NAME = {"Kosovo": "XK"}


@dataclass(frozen=True)
class Shape:
    id: str  # the path's id in the sprite
    code: str  # ISO 3166 alpha-2, "" where the shape is no country of its own
    name: str
    d: str
    label: tuple[float, float]  # where the country's number is written


@dataclass(frozen=True)
class EuropeMap:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    by_code: dict
    source: str
    licence: str
    projection: dict  # the build's rotation, scale and translation
    proj: Proj  # the same projection, on the unit sphere

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        """Where a place is on the map, in its coordinates (x right, y down)."""
        x, y = self.proj(longitude, latitude)
        tx, ty = self.projection["translate"]
        scale = self.projection["scale"]
        return round(tx + scale * x, 1), round(ty - scale * y, 1)

    def contains(self, point) -> bool:
        x, y = point
        return 0 <= x <= self.width and 0 <= y <= self.height


def _code(numeric, name) -> str:
    if numeric is None:
        return CODES_BY_NAME.get(name, "")
    return countries.alpha2(int(numeric)) or ""


@functools.cache
def europe() -> EuropeMap:
    data = json.loads(DATA.read_text())
    rotate_lon, rotate_lat = data["projection"]["rotate"]
    shapes = tuple(
        Shape(
            id=entry["id"],
            code=_code(entry["numeric"], entry["name"]),
            name=entry["name"],
            d=entry["d"],
            label=tuple(entry["label"]),
        )
        for entry in data["countries"]
    )
    return EuropeMap(
        width=data["width"],
        height=data["height"],
        shapes=shapes,
        by_code={shape.code: shape for shape in shapes if shape.code},
        source=data["source"],
        licence=data["licence"],
        projection=data["projection"],
        proj=Proj(f"+proj=laea +lat_0={-rotate_lat} +lon_0={-rotate_lon} +R=1"),
    )
