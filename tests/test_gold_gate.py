"""The evaluation gate: per-part scores on the annotated example may not drop below the pinned baseline."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad.record import dumps

from .conftest import SHARED

BASELINE = json.loads((Path(__file__).parent / "golden/baseline-scores.json").read_text(encoding="utf-8"))
ARTICLES = [name for name in BASELINE if name != "about"]


@pytest.mark.parametrize("name", ARTICLES)
def test_scores_do_not_drop_below_baseline(name, tmp_path):
    pinned = BASELINE[name]
    text = (SHARED / "examples" / f"{name}.txt").read_text(encoding="utf-8")
    out = tmp_path / "record.json"
    out.write_text(dumps(marsad.analyze(text, published=pinned["published"]).to_record()), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SHARED / "tools/score.py"), str(SHARED / "gold" / f"{name}.gold.json"),
                          str(out), "--json"], capture_output=True, text=True, check=True)
    parts = json.loads(run.stdout.strip().splitlines()[-2])["parts"]
    dropped = {part: parts[part]["f1"] for part, floor in pinned.items()
               if part != "published" and parts[part]["f1"] < floor}
    assert not dropped, f"below baseline {pinned}: {dropped}"
