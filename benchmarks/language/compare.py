"""Language identifiers on Arabic news, Persian and other languages: right answers and time.

    .venv/bin/python benchmarks/language/compare.py ../shared/corpus/saudinewsnet ../shared/examples/pages \
        [--pages newspaper4k-0.9.6/tests/data/html] [--articles 500]

Samples: SaudiNewsNet bodies (whole, and cut to their first 60 and 150 characters), the Arabic and
Persian pages of ../shared/examples/pages (the Persian one also paragraph by paragraph and sentence by
sentence), and, with --pages, the other-language pages of newspaper4k's sdist (its file names say the
language; the rest are English). Bodies come out of the pages through trafilatura. Compared: marsad's
`language_of` (Arabic by script, else CLD2), pycld2 alone, and py3langid and lingua when installed
(`pip install py3langid lingua-language-detector`). Arabic dialect labels (ary, arz) count as Arabic.
"""
from __future__ import annotations

import argparse
import json
import re
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import trafilatura

LANGUAGE_IN_NAME = {"arabic": "ar", "assabah": "ar", "youm7": "ar", "sadaelbalad": "ar", "persian": "fa",
                    "chinese": "zh", "japanese": "ja", "thai": "th", "burmese": "my", "latvian": "lv", "spanish": "es"}
ARABIC_LABELS = {"ar", "ary", "arz"}


def samples(corpus: Path, shared_pages: Path, other_pages: Path | None, articles: int) -> list[tuple[str, str, str]]:
    out = []
    bodies = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            bodies += [a["content"] for a in json.loads(z.read(z.namelist()[0])) if a.get("content", "").strip()]
    for body in bodies[::max(1, len(bodies) // articles)][:articles]:
        out += [("ar", "article", body), ("ar", "first 150 chars", body[:150]), ("ar", "first 60 chars", body[:60])]
    pages = sorted(shared_pages.glob("*.html")) + (sorted(other_pages.glob("*.html")) if other_pages else [])
    for page in pages:
        body = trafilatura.extract(page.read_text(encoding="utf-8", errors="replace")) or ""
        if not body:
            continue
        lang = next((code for word, code in LANGUAGE_IN_NAME.items() if word in page.name), "en")
        out.append((lang, "page", body))
        if lang == "fa":
            out += [(lang, "paragraph", p) for p in body.split("\n") if len(p) >= 20]
            out += [(lang, "sentence", s) for s in re.split(r"(?<=[.؟!])\s+", body) if len(s) >= 30]
    return out


def identifiers() -> dict:
    import pycld2

    from marsad.text.language import language_of

    def cld2(text: str) -> str:
        try:
            return pycld2.detect(text)[2][0][1]
        except pycld2.error:
            return "error"

    found = {"marsad language_of": language_of, "pycld2": cld2}
    try:
        import py3langid

        found["py3langid"] = lambda t: py3langid.classify(t)[0]
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()
        found["lingua"] = lambda t: (r.iso_code_639_1.name.lower() if (r := detector.detect_language_of(t)) else "none")
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("pages", type=Path, help="../shared/examples/pages")
    parser.add_argument("--pages", dest="other_pages", type=Path, help="newspaper4k's tests/data/html")
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    data = samples(args.corpus, args.pages, args.other_pages, args.articles)
    kinds = sorted({(lang, kind) for lang, kind, _ in data}, key=lambda k: (k[0] != "ar", k[0] != "fa", k))
    print("| identifier | " + " | ".join(f"{lang} {kind}" for lang, kind in kinds) + " | ms per text |")
    print("|---" * (len(kinds) + 2) + "|")
    for name, identify in identifiers().items():
        identify("warm up: load the model")
        right: dict[tuple[str, str], Counter] = defaultdict(Counter)
        start = time.perf_counter()
        for lang, kind, text in data:
            label = identify(text)
            right[(lang, kind)][("ar" if label in ARABIC_LABELS else label) == lang] += 1
        ms = (time.perf_counter() - start) * 1000 / len(data)
        cells = [f"{right[k][True]}/{sum(right[k].values())}" for k in kinds]
        print(f"| {name} | " + " | ".join(cells) + f" | {ms:.2f} |")


if __name__ == "__main__":
    main()
