"""Shared test data: the example article and SaudiNewsNet from ../shared (CI has it beside the clone)."""
from __future__ import annotations

import json
import os
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples/sada-elbalad-putin-zhang.txt"
GOLD = SHARED / "gold/sada-elbalad-putin-zhang.gold.json"
SAUDINEWSNET = SHARED / "corpus/saudinewsnet"
FIXTURES = Path(__file__).parent / "fixtures"
BASELINE = json.loads((Path(__file__).parent / "golden/baseline-scores.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def saudinewsnet_day(day: str = "2015-07-21") -> list[dict]:
    """The articles of one SaudiNewsNet day (CC BY-NC-SA: read from ../shared, never copied here)."""
    with zipfile.ZipFile(SAUDINEWSNET / f"{day}.zip") as z:
        return json.loads(z.read(z.namelist()[0]))


def day_jsonl(path: Path, articles: int) -> Path:
    """The first `articles` of a SaudiNewsNet day written to `path` as JSON Lines (id snn-K, text, title,
    published): a test's input, read from ../shared, never copied into the repo."""
    lines = [json.dumps({"id": f"snn-{k}", "text": a["content"], "title": a["title"],
                         "published": a["date_extracted"][:10]}, ensure_ascii=False)
             for k, a in enumerate(saudinewsnet_day()[:articles])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session", autouse=True)
def snapshot_cache(tmp_path_factory):
    """Snapshots of loaded resources (marsad.resources.snapshot) in a folder of the run, not the user's cache; the
    processes tests start inherit it."""
    before = os.environ.get("MARSAD_CACHE")
    os.environ["MARSAD_CACHE"] = str(tmp_path_factory.mktemp("marsad-cache"))
    yield
    if before is None:
        del os.environ["MARSAD_CACHE"]
    else:
        os.environ["MARSAD_CACHE"] = before


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def snn_articles() -> list[dict]:
    return saudinewsnet_day()
