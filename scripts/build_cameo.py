"""Build the shipped CAMEO codebook (resources/events/cameo.tsv) from ../shared/data/events/cameo/.

    .venv/bin/python scripts/build_cameo.py [--shared ../shared]

One row per CAMEO event code: the code, its name (GDELT's lookup table), its Goldstein score, its root, the quad
class that follows the root (01–05 verbal cooperation 1, 06–09 material cooperation 2, 10–14 verbal conflict 3,
15–20 material conflict 4) and its PLOVER event type (the Open Event Data Alliance's CAMEO → PLOVER mapping, CC BY-SA
4.0; a code the mapping does not list takes its root's type). The mojibake «ÒhirdÓ» of code 044 is repaired; a code
the mapping lists twice keeps its first line.
"""
from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "marsad" / "resources" / "events" / "cameo.tsv"
HEADER = ("# code\tname\tgoldstein\troot\tquad_class\tplover -- the CAMEO event codebook (Schrodt et al. 2012) as GDELT's "
          "lookup tables give it,\n# with the Open Event Data Alliance's CAMEO -> PLOVER mapping (CC BY-SA 4.0, "
          "github.com/openeventdata/PLOVER).\n# Built by scripts/build_cameo.py from ../shared/data/events/cameo/; "
          "do not edit by hand.\n")
MOJIBAKE = {"ÒhirdÓ": "'third' "}


def quad_class(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def table(path: Path) -> dict[str, str]:
    rows = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        if "\t" in line:
            code, value = line.split("\t", 1)
            rows[code.strip()] = value.strip()
    return rows


def plover(path: Path) -> dict[str, str]:
    types: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, rest = line.split(":", 1)
        types.setdefault(code.strip(), rest.split(",", 1)[0].strip())
    return types


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args()
    cameo = args.shared / "data" / "events" / "cameo"
    names = table(cameo / "CAMEO.eventcodes.txt")
    scores = table(cameo / "CAMEO.goldsteinscale.txt")
    types = plover(cameo / "CAMEO2PLOVER-2021.txt")
    lines = []
    for code, name in names.items():
        for bad, good in MOJIBAKE.items():
            name = name.replace(bad, good)
        root = code[:2]
        kind = types.get(code) or types.get(root) or ""
        lines.append(f"{code}\t{' '.join(name.split())}\t{scores[code]}\t{root}\t{quad_class(int(root))}\t{kind}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} codes -> {OUT}")


if __name__ == "__main__":
    main()
