"""The CAMEO codebook as shipped (resources/events/cameo.tsv, built by scripts/build_cameo.py): each code's name,
Goldstein score, root, quad class and PLOVER type."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import data_rows


@dataclass(frozen=True, slots=True)
class Code:
    code: str  # «043»
    name: str  # «Host a visit»
    goldstein: float
    root: str  # «04»
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    plover: str | None  # «CONSULT»; None for roots PLOVER leaves out (01 statements, 02 appeals)


@lru_cache(maxsize=1)
def codebook() -> dict[str, Code]:
    return {code: Code(code, name, float(score), root, int(quad), plover or None)
            for code, name, score, root, quad, plover in data_rows("events/cameo.tsv")}
