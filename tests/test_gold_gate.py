"""The evaluation gate: per-part scores on the annotated articles may not drop below the floors pinned in
golden/baseline-scores.json."""
import hashlib
import json
import subprocess
import sys

import pytest

import marsad
from marsad.record import dumps

from .conftest import BASELINE, SHARED

ARTICLES = BASELINE["articles"]


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ARTICLES)
def test_scores_do_not_drop_below_baseline(name, tmp_path):
    pinned = ARTICLES[name]
    article, gold = SHARED / "examples" / f"{name}.txt", SHARED / "gold" / f"{name}.gold.json"
    assert (sha256(article), sha256(gold)) == (pinned["article_sha256"], pinned["gold_sha256"]), \
        f"{name}: the article or its gold changed; measure its floors again"
    text = article.read_text(encoding="utf-8")
    out = tmp_path / "record.json"
    out.write_text(dumps(marsad.to_record(marsad.analyze(text, published=pinned["published"]))), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SHARED / "tools/score.py"), str(gold), str(out), "--json"],
                         capture_output=True, text=True, check=True)
    parts = json.loads(run.stdout.strip().splitlines()[-2])["parts"]
    floors = pinned["floors"]
    dropped = {part: parts[part]["f1"] for part, floor in floors.items() if parts[part]["f1"] < floor}
    assert not dropped, f"below the floors {floors}: {dropped}"
