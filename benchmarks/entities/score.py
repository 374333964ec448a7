"""Score marsad's entities on the hand-checked SaudiNewsNet articles (`annotations.jsonl`).

    .venv/bin/python benchmarks/entities/score.py ../shared/corpus/saudinewsnet [--tagger crf|neural|none]
    .venv/bin/python benchmarks/entities/score.py ../shared/corpus/saudinewsnet --records records.jsonl

Runs the pipeline on the annotated articles (or reads records made elsewhere, matched by
`source.input_id`) and prints Markdown tables for BENCHMARKS.md:

- entities by type (a gold entity none of whose mentions is in the record's text, one named
  only in the title, is left out and counted apart): a gold entity is found when a predicted entity of its type has a
  mention on one of its anchors (the rule of ../shared/tools/score.py); every other
  predicted entity is a false positive, except one on an optional entity;
- link precision: of the predicted entities that carry a link (`kb_id` or `name_en`),
  the share whose `name_en` is one the gold lists for the entity they found;
- well-known linked: of the gold entities marked `well_known`, the share found and
  linked to the right name;
- roles attached: of the gold people with a stated role (now or former), the share
  whose entity carries one of them (`roles` or `former_roles`); and role precision, the
  share of predicted roles that are one of the person's gold roles.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = ("PERSON", "ORG", "GPE", "LOC", "MISC")
TATWEEL_DIACRITICS = re.compile("[\u0640\u064B-\u065F\u0670]")
QUOTES = str.maketrans({c: '"' for c in "“”«»„‟″〝〞＂"})
PROCLITICS = set("وفبلك")
MAX_MENTION_CHARS = 80


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    out, idx = [], []
    for i, ch in enumerate(text):
        if TATWEEL_DIACRITICS.match(ch):
            continue
        out.append(ch.translate(QUOTES))
        idx.append(i)
    return "".join(out), idx


def find_all(text: str, anchor: str) -> list[tuple[int, int]]:
    """Spans of the anchor at word boundaries (a one-letter proclitic may precede), as the shared scorer finds them."""
    ntext, idx = normalise_with_map(text)
    nanchor = normalise_with_map(anchor)[0].strip()
    spans: list[tuple[int, int]] = []
    start = 0
    while nanchor:
        k = ntext.find(nanchor, start)
        if k < 0:
            break
        start = k + 1
        end = k + len(nanchor)
        before = k == 0 or not ntext[k - 1].isalpha() or (
            ntext[k - 1] in PROCLITICS and (k == 1 or not ntext[k - 2].isalpha()))
        after = end == len(ntext) or not ntext[end].isalpha() or not nanchor[-1].isalpha()
        if before and after:
            spans.append((idx[k], idx[end - 1] + 1))
    return spans


def canon(name: str | None) -> str:
    s = re.sub(r"\([^)]*\)", " ", normalise_with_map(name or "")[0].lower())
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff")
    s = re.sub(r"^the ", "", s.strip())
    s = re.sub("[\u0622\u0623\u0625\u0671]", "\u0627", s).replace("\u0629", "\u0647").replace("\u0649", "\u064a")
    return re.sub(r"[^a-z0-9\u0621-\u064a]+", " ", s).strip()


def alternatives(value: str | None) -> set[str]:
    return {canon(v) for v in (value or "").split("|") if v.strip()}


def role_words(role: str) -> list[str]:
    words = canon(role).split()
    if words and len(words[0]) > 3 and words[0].startswith("لل"):
        words[0] = "ال" + words[0][2:]  # «للمخرج» is ل + «المخرج»
    elif words and len(words[0]) > 2 and words[0][0] in "وفبل" and words[0][1:3] in ("ال", "لل") or (
            words and words[0][:2] in ("ول", "وب", "فل")):
        words[0] = words[0][1:]  # «ولوزير الصحة», «والرئيس»: the proclitic is not part of the role
    return words


def same_role(pred: str, gold: str) -> bool:
    """Equal, or one inside the other with most of the gold words (a role cut short or run on a little)."""
    p, g = role_words(pred), role_words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    inside = lambda a, b: any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))  # noqa: E731
    return (inside(p, g) and len(p) * 2 >= len(g)) or (inside(g, p) and len(p) <= len(g) + 3)


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    links: int = 0
    links_right: int = 0
    well_known: int = 0
    well_known_linked: int = 0
    with_roles: int = 0
    roles_attached: int = 0
    pred_roles: int = 0
    pred_roles_right: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_links: list[str] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)
    roles_missed: list[str] = field(default_factory=list)
    roles_wrong: list[str] = field(default_factory=list)
    absent: int = 0  # gold entities with no mention in the record's text


def score_article(gold: dict, record: dict, tally: Tally) -> None:
    text = record.get("text") or ""
    preds = record.get("entities") or []

    def evidence(pe: dict) -> list[tuple[int, int]]:
        return [(m["start"], m["end"]) for m in pe.get("mentions") or [] if m["end"] - m["start"] <= MAX_MENTION_CHARS]

    def on(spans, pe) -> bool:
        return any(a[0] < b[1] and b[0] < a[1] for a in spans for b in evidence(pe))

    used: dict[int, dict] = {}
    for ge in gold["entities"]:
        spans = [s for m in ge["mentions"] for s in find_all(text, m)]
        if not spans:
            tally.absent += 1  # named only in the title, which the record's text leaves out
            continue
        names = alternatives(ge.get("name_en"))
        candidates = [i for i, pe in enumerate(preds) if i not in used and pe["type"] == ge["type"] and on(spans, pe)]
        found = next((i for i in candidates if canon(preds[i].get("name_en")) in names), candidates[0] if candidates else None)
        linked_right = found is not None and canon(preds[found].get("name_en")) in names
        if found is None:
            tally.fn[ge["type"]] += 1
            tally.misses.append(f"{gold['id']}: {ge['type']} {ge['name']}")
        else:
            used[found] = ge
            tally.tp[ge["type"]] += 1
        if ge.get("well_known"):
            tally.well_known += 1
            tally.well_known_linked += linked_right
            if found is not None and not linked_right:
                tally.unlinked.append(f"{gold['id']}: {ge['type']} {ge['name']} -> {preds[found].get('name_en')} "
                                      f"(gold: {ge.get('name_en')})")
        gold_roles = [*ge.get("roles", []), *ge.get("former_roles", [])]
        if ge["type"] == "PERSON" and gold_roles:
            tally.with_roles += 1
            if found is not None:
                pe = preds[found]
                pred_roles = [*pe.get("roles", []), *pe.get("former_roles", [])]
                attached = any(same_role(p, g) for p in pred_roles for g in gold_roles)
                tally.roles_attached += attached
            if found is None or not attached:
                given = "not found" if found is None else pred_roles
                tally.roles_missed.append(f"{gold['id']}: {ge['name']} {gold_roles} (marsad: {given})")
        if found is not None and ge["type"] == "PERSON":
            for p in [*preds[found].get("roles", []), *preds[found].get("former_roles", [])]:
                tally.pred_roles += 1
                right = any(same_role(p, g) for g in gold_roles)
                tally.pred_roles_right += right
                if not right:
                    tally.roles_wrong.append(f"{gold['id']}: {ge['name']}: {p} (gold: {gold_roles})")
    optional = gold.get("optional_entities", [])
    optional_spans = [s for o in optional for m in o["mentions"] for s in find_all(text, m)]
    optional_names = set().union(*(alternatives(o.get("name_en")) for o in optional)) if optional else set()
    for i, pe in enumerate(preds):
        excused = i not in used and (on(optional_spans, pe) or (canon(pe.get("name_en")) in optional_names and evidence(pe)))
        if i not in used and not excused:
            tally.fp[pe["type"]] += 1
            tally.false_positives.append(f"{gold['id']}: {pe['type']} {pe['name']} ({pe.get('name_en')})")
        if (pe.get("kb_id") or pe.get("name_en")) and not excused:
            tally.links += 1
            right = i in used and canon(pe.get("name_en")) in alternatives(used[i].get("name_en"))
            tally.links_right += right
            if not right:
                wanted = used[i].get("name_en") if i in used else "not a gold entity"
                tally.wrong_links.append(f"{gold['id']}: {pe['name']} -> {pe.get('name_en')} (gold: {wanted})")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def report(tally: Tally) -> str:
    rows = ["| type | P | R | F1 | gold |", "|---|---|---|---|---|"]
    for typ in (*TYPES, "all"):
        tp, fp, fn = ((sum(c.values()) for c in (tally.tp, tally.fp, tally.fn)) if typ == "all"
                      else (tally.tp[typ], tally.fp[typ], tally.fn[typ]))
        p, r, f = prf(tp, fp, fn)
        rows.append(f"| {'**all**' if typ == 'all' else typ} | {p:.2f} | {r:.2f} | {f:.2f} | {tp + fn} |")

    def share(a: int, b: int) -> str:
        return f"{a / b:.2f} ({a}/{b})" if b else "n/a"

    rows += ["", "| measure | value |", "|---|---|",
             f"| link precision | {share(tally.links_right, tally.links)} |",
             f"| well-known entities linked | {share(tally.well_known_linked, tally.well_known)} |",
             f"| people with a stated role who get it | {share(tally.roles_attached, tally.with_roles)} |",
             f"| role precision | {share(tally.pred_roles_right, tally.pred_roles)} |"]
    if tally.absent:
        rows.append(f"\n({tally.absent} gold entities named only in a title, which the record's text leaves out, "
                    "are not scored.)")
    return "\n".join(rows)


def check_articles(corpus: Path, ids: set[str]) -> list[dict]:
    """The annotated articles, as scripts/saudinewsnet_to_jsonl.py writes them."""
    out = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                stem = Path(member).stem
                if member.endswith(".json") and any(i.startswith(stem + "#") for i in ids):
                    for index, record in enumerate(json.loads(archive.read(member))):
                        if f"{stem}#{index}" in ids:
                            out.append({"id": f"{stem}#{index}", **record})
    return out


def analyse(articles: list[dict], tagger: str | None) -> dict[str, dict]:
    import tempfile

    from marsad import PipelineConfig, load_pipeline, to_record
    from marsad.config import EntityConfig, TaggerKind
    from marsad.ingest import read_inputs

    config = PipelineConfig(entities=EntityConfig(tagger=TaggerKind(tagger))) if tagger else PipelineConfig()
    pipeline = load_pipeline(config)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.jsonl"
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        return {doc.source.input_id: to_record(doc) for doc in pipeline.run(read_inputs([str(path)]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the SaudiNewsNet folder of daily zips")
    parser.add_argument("--annotations", type=Path, default=HERE / "annotations.jsonl")
    parser.add_argument("--records", type=Path, help="score these records instead of running the pipeline")
    parser.add_argument("--tagger", choices=("crf", "neural", "none"))
    parser.add_argument("--errors", action="store_true", help="also list misses, false positives, wrong links, unlinked and role misses")
    args = parser.parse_args()
    gold = [json.loads(line) for line in args.annotations.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.records:
        records = {}
        for line in args.records.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["source"]["input_id"]] = record
    else:
        records = analyse(check_articles(args.corpus, {g["id"] for g in gold}), args.tagger)
    tally = Tally()
    for g in gold:
        if g["id"] not in records:
            sys.exit(f"no record for {g['id']}")
        score_article(g, records[g["id"]], tally)
    print(report(tally))
    if args.errors:
        for title, items in (("missed", tally.misses), ("false positives", tally.false_positives),
                             ("wrong links", tally.wrong_links),
                             ("well-known, found but not linked right", tally.unlinked),
                             ("people whose stated role marsad misses", tally.roles_missed),
                             ("roles marsad gives that the text does not", tally.roles_wrong)):
            print(f"\n## {title} ({len(items)})")
            print("\n".join(items))


if __name__ == "__main__":
    main()
