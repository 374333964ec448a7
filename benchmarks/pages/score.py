"""Page metadata on real saved pages: title, outlet and date exact-match rates, and entities on pages that are
not Arabic.

    .venv/bin/python benchmarks/pages/score.py ../shared/examples/pages [--newspaper4k newspaper4k-0.9.6/tests/data]

`pages.jsonl` (beside this script) holds the hand-checked title, outlet, date and language of the pages in
../shared/examples/pages (the title as the page's headline gives it, without the site's name; the outlet as it
names itself; CNN Arabic's day from its URL, /2013/middle_east/8/3/). With --newspaper4k, the pages of
newspaper4k's sdist are added with the title and day its own tests expect (`metadata/*.json`; outlets are not
scored there: those files give the raw site name), all of them in languages other than Arabic but one.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from marsad import load_pipeline, to_record
from marsad.ingest import read_inputs

HERE = Path(__file__).resolve().parent
NEWSPAPER4K_LANGUAGES = {"arabic": "ar", "chinese": "zh", "japanese": "ja", "thai": "th", "burmese": "my",
                         "latvian": "lv", "spanish": "es"}


def hand_checked(pages: Path) -> list[dict]:
    return [{**json.loads(line), "path": pages / json.loads(line)["page"], "set": "shared pages (hand-checked)"}
            for line in (HERE / "pages.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def newspaper4k(data: Path) -> list[dict]:
    out = []
    for meta_path in sorted((data / "metadata").glob("*.json")):
        page = data / "html" / (meta_path.stem + ".html")
        if not page.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        language = next((code for word, code in NEWSPAPER4K_LANGUAGES.items() if word in page.name), "en")
        out.append({"page": page.name, "path": page, "set": "newspaper4k pages", "language": language,
                    "title": meta.get("title"), "published": (meta.get("publish_date") or "")[:10] or None})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="../shared/examples/pages")
    parser.add_argument("--newspaper4k", type=Path, help="the tests/data folder of newspaper4k's sdist")
    parser.add_argument("--errors", action="store_true", help="list every value that differs")
    args = parser.parse_args()
    gold = hand_checked(args.pages) + (newspaper4k(args.newspaper4k) if args.newspaper4k else [])
    pipeline = load_pipeline()
    records = [to_record(d) for d in pipeline.run(read_inputs([str(g["path"]) for g in gold]))]
    print("| set | pages | title | outlet | date | body language | entities on pages not in Arabic |")
    print("|---|---|---|---|---|---|---|")
    errors = []
    for name in dict.fromkeys(g["set"] for g in gold):
        rows = [(g, r) for g, r in zip(gold, records) if g["set"] == name]
        cells = []
        for field in ("title", "outlet", "published", "language"):
            scored = [(g, r) for g, r in rows if field in g and (field != "published" or g[field])]
            right = sum(g[field] == r.get(field) for g, r in scored)
            errors += [f"{g['page']}: {field} {r.get(field)!r} (expected {g[field]!r})" for g, r in scored
                       if g[field] != r.get(field)]
            cells.append(f"{right}/{len(scored)}" if scored else "–")
        foreign = [(g, r) for g, r in rows if g["language"] != "ar"]
        invented = sum(len(r["entities"]) for _, r in foreign)
        cells.append(f"{invented} on {len(foreign)} pages")
        print(f"| {name} | {len(rows)} | " + " | ".join(cells) + " |")
    if args.errors:
        print("\n" + "\n".join(errors or ["(none)"]))


if __name__ == "__main__":
    main()
