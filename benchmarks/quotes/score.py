"""Score marsad's quotes on the hand-checked SaudiNewsNet articles (`development.jsonl`, `held-out.jsonl`).

    .venv/bin/python benchmarks/quotes/score.py ../shared/corpus/saudinewsnet --annotations benchmarks/quotes/held-out.jsonl
    .venv/bin/python benchmarks/quotes/score.py ../shared/corpus/saudinewsnet --annotations … --errors

Runs the pipeline on the annotated articles (as `benchmarks/entities/score.py` does) and scores each record with
the quotes part of the shared scorer (`../shared/tools/score.py`, or `--scorer`): a gold quote is found when a
predicted quote overlaps its `contains`; every other predicted quote is a false positive, except one on an
`optional_quotes` anchor (dropped before scoring, as optional entities are); a speaker is right when the
predicted speaker entity's name or name_en, or the speaker_text, is one the gold lists. Prints a Markdown table
summed over the articles, with a row more that also accepts the text of any of the speaker entity's mentions (the
right person, whatever the gold calls them: «عبدالله بن مساعد» for the knowledge base's «عبد الله بن مساعد»); then
the addressees and sources found (scored the same way as speakers).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PARTS = ("quotes", "quote speakers")
BY_MENTIONS = "quote speakers, by mentions"  # the speaker entity right, however the gold spells its name


def module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load {path}")
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[name] = loaded
    spec.loader.exec_module(loaded)
    return loaded


def without_optional(shared: ModuleType, gold: dict, record: dict) -> dict:
    """The record less the quotes that lie on an optional anchor and on no gold one."""
    scorer = shared.Scorer(gold, record)
    optional = scorer.anchors(o["contains"] for o in gold.get("optional_quotes", []))
    wanted = scorer.anchors(q["contains"] for q in gold.get("quotes", []))

    def kept(q: dict) -> bool:
        s = shared.span_of(q)
        return not s or not any(shared.overlaps(s, o) for o in optional) or any(shared.overlaps(s, w) for w in wanted)

    return {**record, "quotes": [q for q in shared.listed(record, "quotes") if kept(q)]}


def side_ok(shared: ModuleType, scorer, wanted: str | None, q: dict, field: str) -> bool:
    """An addressee or a source: the predicted entity's names (or, for a source, its text) one the gold lists."""
    names = scorer.entity_names(q.get(field)) | {shared.canon(q.get(field))}
    return any(shared.canon(w) in names for w in shared.alternatives(wanted))


def score(shared: ModuleType, gold: dict, record: dict, totals: dict, errors: list[str]) -> None:
    record = without_optional(shared, gold, record)
    scorer = shared.Scorer(gold, record)
    scorer.quotes()
    for name, tp, fp, fn in scorer.rows:
        totals[name] = [a + b for a, b in zip(totals.get(name, [0, 0, 0]), (tp, fp, fn))]
    preds = [(q, shared.span_of(q)) for q in shared.listed(record, "quotes")]
    used = set()
    for gq in gold.get("quotes", []):
        spans = shared.find_all(scorer.text, gq["contains"])
        hit = next((i for i, (_, s) in enumerate(preds) if s and any(shared.overlaps(a, s) for a in spans)), None)
        if hit is None:
            errors.append(f"{gold['id']}\tmissed\t{gq['kind']}\t{gq['contains']}")
            continue
        used.add(hit)
        q = preds[hit][0]
        said = scorer.entity_names(q.get("speaker")) | {shared.canon(q.get("speaker_text"))}
        if gq.get("speaker"):
            mentions = {shared.canon(record["text"][m["start"]:m["end"]])
                        for m in (scorer.ents.get(q.get("speaker")) or {}).get("mentions") or []}
            totals[BY_MENTIONS][0] += any(shared.canon(w) in said | mentions for w in shared.alternatives(gq["speaker"]))
        if gq.get("speaker") and not any(shared.canon(w) in said for w in shared.alternatives(gq["speaker"])):
            got = (scorer.ents.get(q.get("speaker")) or {}).get("name")
            errors.append(f"{gold['id']}\tspeaker\t{gq['speaker']} ≠ {got} / {q.get('speaker_text')}\t{gq['contains']}")
        for field in ("addressee", "source"):
            if gq.get(field):
                totals[field][1] += 1
                totals[field][0] += side_ok(shared, scorer, gq[field], q, field)
            elif q.get(field):
                totals[field][2] += 1
    for i, (q, _) in enumerate(preds):
        if i not in used:
            errors.append(f"{gold['id']}\tfalse\t{q.get('kind')}\t{q.get('text', '')[:80]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the SaudiNewsNet folder of daily zips")
    parser.add_argument("--annotations", type=Path, default=HERE / "development.jsonl")
    parser.add_argument("--scorer", type=Path, default=REPO.parent / "shared" / "tools" / "score.py")
    parser.add_argument("--errors", action="store_true", help="also list misses, false positives and wrong speakers")
    args = parser.parse_args()
    shared = module("shared_score", args.scorer)
    entities = module("entity_score", HERE.parent / "entities" / "score.py")
    gold = [json.loads(line) for line in args.annotations.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = entities.analyse(entities.check_articles(args.corpus, {g["id"] for g in gold}), None)
    totals: dict[str, list[int]] = {"addressee": [0, 0, 0], "source": [0, 0, 0]}  # right, gold, given where none
    totals[BY_MENTIONS] = [0, 0, 0]  # right; the gold speakers are those of the shared scorer's row
    errors: list[str] = []
    for g in gold:
        score(shared, g, records[g["id"]], totals, errors)
    print("| part | tp | fp | fn | P | R | F1 |\n|---|---|---|---|---|---|---|")
    for name in PARTS:
        tp, fp, fn = totals[name]
        p, r, f = shared.prf(tp, fp, fn)
        print(f"| {name} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")
    right = totals[BY_MENTIONS][0]
    wanted = sum(totals["quote speakers"][::2])
    p, r, f = shared.prf(right, 0, wanted - right)
    print(f"| {BY_MENTIONS} | {right} | 0 | {wanted - right} | {p:.2f} | {r:.2f} | {f:.2f} |")
    for field in ("addressee", "source"):
        right, wanted, extra = totals[field]
        print(f"\n{field}s: {right} of the {wanted} the gold names are found; {extra} given where the gold has none")
    if args.errors:
        print("\n" + "\n".join(errors))


if __name__ == "__main__":
    main()
