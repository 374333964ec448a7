import json
import subprocess
import sys

import pytest

from marsad.record import validate_record

from ..conftest import EXAMPLE, GOLD, SHARED


def marsad(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True, timeout=120)


def test_example_as_json_scores_full_metadata(tmp_path):
    run = marsad("analyze", str(EXAMPLE), "--published", "2023-11-29", "--format", "json")
    assert run.returncode == 0, run.stderr.decode()
    record = json.loads(run.stdout)
    validate_record(record)
    out = tmp_path / "out.json"
    out.write_bytes(run.stdout)
    score = subprocess.run([sys.executable, str(SHARED / "tools/score.py"), str(GOLD), str(out), "--json"],
                           capture_output=True, text=True, check=True)
    parts = json.loads(score.stdout.strip().splitlines()[-2])["parts"]
    assert parts["metadata"]["f1"] == 1.0


def test_jsonl_batch_keeps_order_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "قال الوزير إن الاجتماع انتهى.", "source": "okaz", "date_extracted": "2015-07-21 02:51:32"},
                   ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "title": "بلا نص"}, ensure_ascii=False),
        '{"id": "d", "text": "\\ud800 قال"}',
        json.dumps({"id": "e", "text": "The minister said the meeting was over."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = marsad("analyze", str(path))
    records = [json.loads(line) for line in run.stdout.decode().split("\n") if line]
    assert [r["source"]["line"] for r in records] == [1, 2, 3, 4, 5]
    assert records[0]["outlet"] == "عكاظ" and records[0]["published"] == "2015-07-21"
    assert records[1]["warnings"] and records[2]["warnings"] and records[3]["warnings"] and records[4]["warnings"]
    assert "\ufffd" in records[3]["text"]
    assert run.returncode == 1  # the broken line failed; the batch went on


def test_unreadable_path_is_one_line_on_stderr_and_exit_1(tmp_path):
    missing = tmp_path / "missing.txt"
    run = marsad("analyze", str(missing), str(EXAMPLE))
    assert run.returncode == 1
    assert len(run.stdout.decode().strip().split("\n")) == 1
    assert [line for line in run.stderr.decode().splitlines() if "cannot open" in line] == [
        f"marsad: cannot open {missing}: " + run.stderr.decode().split(f"cannot open {missing}: ")[1].splitlines()[0]]
    assert "Traceback" not in run.stderr.decode()


def test_json_format_with_several_articles_is_a_usage_error(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text('{"text": "قال"}\n{"text": "قالت"}\n', encoding="utf-8")
    run = marsad("analyze", str(path), "--format", "json")
    assert run.returncode == 2
    assert run.stdout == b""


@pytest.mark.parametrize("args", [("analyze", str(EXAMPLE), "--published", "29/11/2023"), ("analyze",), ("nonsense",)])
def test_usage_errors_exit_2(args):
    assert marsad(*args).returncode == 2


def test_stdin_and_version():
    run = marsad("analyze", "-", stdin="عنوان\n\nقال الوزير إن الاجتماع انتهى.".encode())
    assert run.returncode == 0
    assert json.loads(run.stdout)["title"] == "عنوان"
    version = marsad("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("marsad ")


def test_empty_binary_and_latin_files_are_records_with_warnings(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin.txt").write_text("Only Latin letters here.", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    run = marsad("analyze", str(tmp_path))
    records = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in map(json.loads, run.stdout.decode().split("\n")[:-1])}
    assert set(records) == {"empty.txt", "latin.txt", "image.txt"}
    assert all(r["warnings"] for r in records.values())
    assert run.returncode == 1  # the binary file could not be decoded


def test_parallel_jobs_give_the_same_records_in_the_same_order(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": f"قال الوزير {i} إن الاجتماع انتهى."}, ensure_ascii=False)
                            + "\n" for i in range(150)), encoding="utf-8")
    one = marsad("analyze", str(path))
    two = marsad("analyze", str(path), "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert len(one.stdout.decode().splitlines()) == 150


def test_summary_reports_what_was_read_skipped_and_each_stage(tmp_path):
    from ..ingest.test_warc import write_warc

    write_warc(tmp_path / "crawl.warc.gz", gzip=True)
    run = marsad("analyze", str(tmp_path / "crawl.warc.gz"), str(EXAMPLE), "--tagger", "none")
    assert run.returncode == 0, run.stderr.decode()
    lines = run.stderr.decode().splitlines()[-3:]
    # (the example article has no date of its own: its relative dates keep no value, with a warning)
    assert lines[0] == "marsad: 3 articles, 0 failed, 1 with warnings, 0 unreadable paths"
    assert lines[1].startswith("marsad: read 3 documents (2 warc, 1 text); skipped 4 archive records (")
    assert "1 warc response with HTTP status 404" in lines[1]
    assert lines[2] == ("marsad: stages: clean 3, segment 3, identify_language 3, tokenize 3, entities 3, quotes 3, "
                        "dates 3, events 3")


def test_config_file_and_tagger_option(tmp_path):
    config = tmp_path / "marsad.toml"
    config.write_text('[entities]\ntagger = "none"\n', encoding="utf-8")
    with_file = marsad("analyze", str(EXAMPLE), "--config", str(config))
    with_option = marsad("analyze", str(EXAMPLE), "--tagger", "none")
    assert with_file.returncode == with_option.returncode == 0
    assert with_file.stdout == with_option.stdout
    config.write_text('[entities]\ntagger = "bert"\n', encoding="utf-8")
    bad = marsad("analyze", str(EXAMPLE), "--config", str(config))
    assert bad.returncode == 2 and b"'bert' is not one of crf, neural, none" in bad.stderr


def test_evaluating_no_tagger_is_a_usage_error(tmp_path):
    conll = tmp_path / "one.txt"
    conll.write_text("بوتين B-PERS\n", encoding="utf-8")
    assert marsad("evaluate", "ner", str(conll), "--tagger", "none").returncode == 2


def test_summary_says_which_stage_failed_and_what_it_starved():
    from collections import Counter

    from marsad.ingest import IngestStats
    from marsad.pipeline import Counters, StageCounts
    from marsad.serve.cli import summary

    counters = Counters(3, 2, 2, {"clean": StageCounts(3), "tokenize": StageCounts(3, Counter({"ValueError": 2})),
                                  "entities": StageCounts(1, skipped=Counter({"tokens": 2}))})
    lines = summary(counters, IngestStats(Counter({"jsonl": 3}), errors=1))
    assert lines == ["marsad: 3 articles, 2 failed, 2 with warnings, 1 unreadable paths",
                     "marsad: read 3 documents (3 jsonl)",
                     "marsad: stages: clean 3, tokenize 3 (failed: 2 ValueError), entities 1 (skipped: 2 without tokens)"]


def test_more_jobs_than_processors_are_capped_with_a_warning(tmp_path):
    # `--jobs 1000` forked 1,000 workers for 50 articles (16x slower, +6.5 GB)
    path = tmp_path / "a.txt"
    path.write_text("عنوان\n\nقال الوزير إن الاجتماع انتهى.", encoding="utf-8")
    run = marsad("analyze", str(path), "--jobs", "1000")
    assert run.returncode == 0
    assert "marsad: --jobs 1000 is more than the " in run.stderr.decode()
    assert len(run.stdout.decode().splitlines()) == 1


def test_records_go_to_stdout_and_progress_to_a_terminal_stderr(tmp_path):
    # `marsad analyze … > out.jsonl` on a terminal: rich's progress took stdout over, so the records were printed
    # on the terminal (stderr) and the file stayed empty
    import os
    import pty

    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": f"قال الوزير إن الاجتماع رقم {i} انتهى."},
                                       ensure_ascii=False) + "\n" for i in range(3)), encoding="utf-8")
    master, slave = pty.openpty()
    with (tmp_path / "out.jsonl").open("wb") as out:
        run = subprocess.Popen([sys.executable, "-m", "marsad", "analyze", str(path)], stdout=out, stderr=slave)
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        assert run.wait(timeout=120) == 0
    os.close(master)
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["input_id"] for r in records] == ["0", "1", "2"]
    assert b"marsad.article/1" not in shown and b"marsad: 3 articles" in shown
