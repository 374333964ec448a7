"""Build the offline world map outline (src/marsad/serve/web/static/world.svg) from world-atlas TopoJSON.

    python scripts/build_world_outline.py PATH/countries-110m.json -o src/marsad/serve/web/static/world.svg

Source: the country outlines of Natural Earth 1:110m (public domain), as the npm package `world-atlas` (ISC licence,
Mike Bostock) ships them in `countries-110m.json` (`npm pack world-atlas`, extract, take `package/countries-110m.json`).
Stdlib only. The quantized arcs are delta-decoded, scaled and translated, and drawn in plain equirectangular
projection: viewBox "-180 -90 360 180", x = longitude, y = -latitude, rounded to 1 decimal, one <path> per country
(id = its ISO 3166-1 numeric code where the data has one). world-atlas rings that cross the antimeridian (Fiji,
Russia) jump 360 degrees in longitude; such a ring is unwrapped and drawn twice (shifted by 360, the SVG viewport
clips the overflow) so that no streak crosses the map, and Antarctica's ring is closed along the south pole.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FILL, STROKE, STROKE_WIDTH = "#e8e4da", "#b9b2a3", "0.2"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc: delta-decode quantized arcs, then scale and translate."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tr is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
        x = y = 0
        pts = []
        for p in arc:
            x += p[0]
            y += p[1]
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch a ring's arcs (a negative index ~i means arc i reversed), dropping each joint's duplicate point."""
    pts: list[tuple[float, float]] = []
    for i in ring:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a[1:] if pts else a)
    return pts


def unwrap(pts: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring as is, or, if it jumps more than 180 degrees in longitude, unwrapped to continuous longitudes, plus a
    copy shifted by 360 for the part that runs off the map's edge; a ring round a pole is closed along the pole."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in zip(pts, pts[1:])):
        return [pts]
    out = [pts[0]]
    for lon, lat in pts[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    winding = out[-1][0] - out[0][0]
    if abs(winding) > 180:  # the ring goes round a pole (Antarctica): close it along that pole instead
        pole = 90.0 if sum(p[1] for p in out) > 0 else -90.0
        out[-1:] = [out[-1], (out[-1][0], pole), (out[0][0], pole)]
    lo, hi = min(p[0] for p in out), max(p[0] for p in out)
    rings = [out]
    if hi > 180 + 1e-9:
        rings.append([(lon - 360, lat) for lon, lat in out])
    if lo < -180 - 1e-9:
        rings.append([(lon + 360, lat) for lon, lat in out])
    return rings


def fmt(v: float) -> str:
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    if s == "-0":
        s = "0"
    if s.startswith("0."):
        s = s[1:]
    elif s.startswith("-0."):
        s = "-" + s[2:]
    return s


def ring_d(pts: list[tuple[float, float]]) -> str:
    """Path data for one closed ring, in rounded absolute coordinates, consecutive duplicates dropped."""
    q: list[tuple[str, str]] = []
    for lon, lat in pts:
        p = (fmt(lon), fmt(-lat))
        if not q or q[-1] != p:
            q.append(p)
    if len(q) > 1 and q[0] == q[-1]:
        q.pop()
    if len(q) < 3:
        return ""

    def pair(p: tuple[str, str]) -> str:
        return p[0] + ("" if p[1].startswith("-") else " ") + p[1]

    return "M" + pair(q[0]) + "L" + " ".join(pair(p) for p in q[1:]) + "Z"


def build_svg(topo: dict, object_name: str | None = None) -> tuple[str, int]:
    arcs = decode_arcs(topo)
    objects = topo["objects"]
    name = object_name or ("countries" if "countries" in objects else next(iter(objects)))
    obj = objects[name]
    geoms = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    paths, unwrapped = [], 0
    for g in geoms:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        parts = []
        for poly in polys:
            for ring in poly:
                rings = unwrap(ring_points(ring, arcs))
                unwrapped += len(rings) > 1
                parts.extend(d for r in rings if (d := ring_d(r)))
        if not parts:
            continue
        gid = g.get("id")
        id_attr = f' id="{gid}"' if gid not in (None, "") else ""
        paths.append(f'<path{id_attr} d="{"".join(parts)}"/>')
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180">\n'
        f'<g fill="{FILL}" stroke="{STROKE}" stroke-width="{STROKE_WIDTH}" stroke-linejoin="round">\n'
        # vector-effect is not inherited, so it goes on each path.
        + "\n".join(p.replace("<path", '<path vector-effect="non-scaling-stroke"', 1) for p in paths)
        + "\n</g>\n</svg>\n"
    )
    return svg, unwrapped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("topojson", type=Path, help="world-atlas countries-110m.json (or land-110m.json)")
    ap.add_argument("-o", "--output", type=Path, required=True, help="SVG to write")
    ap.add_argument("--object", help="TopoJSON object to draw (default: countries, else the first)")
    args = ap.parse_args(argv)
    svg, unwrapped = build_svg(json.loads(args.topojson.read_text(encoding="utf-8")), args.object)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(svg, encoding="utf-8")
    print(f"wrote {args.output} ({len(svg.encode()):,} bytes, {svg.count('<path')} paths, "
          f"{unwrapped} antimeridian rings unwrapped)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
