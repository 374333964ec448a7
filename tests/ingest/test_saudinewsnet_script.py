"""scripts/saudinewsnet_to_jsonl.py: zipped daily JSON arrays to JSON Lines that read_inputs reads back."""
from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"


def _script():
    spec = importlib.util.spec_from_file_location("saudinewsnet_to_jsonl", ROOT / "scripts" / "saudinewsnet_to_jsonl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_converts_a_daily_zip_and_the_lines_read_back(tmp_path, read_all):
    articles = [
        {"source": "alriyadh", "url": "http://www.alriyadh.com/1", "date_extracted": "2015-07-21 02:51:32",
         "title": "عنوان", "author": "", "content": "سطر\u2028ثان"},
        {"source": "okaz", "url": "", "date_extracted": "2015-07-21 03:00:00", "title": "", "author": "", "content": ""},
    ]
    archive = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2015-07-21.json", json.dumps(articles, ensure_ascii=False, indent=4))
    out = tmp_path / "out.jsonl"
    assert _script().main([str(archive), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.count(b"\n") == 2 and "\u2028".encode() not in data
    first, second = read_all(out)
    assert (first.source.input_id, first.outlet, first.published, first.raw) == ("2015-07-21#0", "الرياض", "2015-07-21", "سطر\u2028ثان")
    assert second.outlet == "عكاظ" and "no article text" in second.warnings[0]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="SaudiNewsNet corpus not present")
def test_script_full_corpus_has_27644_articles():
    sink = io.StringIO()
    count = _script().write_jsonl(sorted(str(p) for p in CORPUS.glob("*.zip")), sink)
    assert count == 27644 == sink.getvalue().count("\n")
