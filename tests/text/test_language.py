"""The language stage: Arabic paragraphs are analysed; a body in another language gets a warning and no
entities; a mixed page keeps its Arabic part."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad import load_pipeline, to_record
from marsad.config import EntityConfig, PipelineConfig, TaggerKind
from marsad.document import Document, Source
from marsad.ingest import read_inputs
from marsad.text.language import language_of

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests/fixtures/pages"
PERSIAN_PAGE = ROOT.parent / "shared/examples/pages/khabaronline-persian.html"
SADA_PAGE = ROOT / "tests/fixtures/ingest-sada-elbalad-page.html"


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline(PipelineConfig(entities=EntityConfig(tagger=TaggerKind.crf)))


def analysed(pipeline, path: Path) -> dict:
    [record] = [to_record(d) for d in pipeline.run(read_inputs([str(path)]))]
    return record


@pytest.mark.parametrize("path, language", [
    (PERSIAN_PAGE, "fa"),  # Arabic script, no Arabic: «مردم» was a person, 53 entities in all
    (PAGES / "newspaper4k-cnn-english.html", "en"),  # «said Steve Cowan» was a person, clauses were ORG
    (PAGES / "newspaper4k-spanish.html", "es"),
])
def test_a_page_in_another_language_gets_a_warning_and_no_entities(pipeline, path, language):
    record = analysed(pipeline, path)
    assert record["language"] == language
    assert record["entities"] == []
    assert f"the body is in another language ({language}), not Arabic: no Arabic analyses of it" in record["warnings"]
    assert record["text"]  # the text itself is kept


def test_an_arabic_page_is_arabic_with_no_language_warning(pipeline):
    record = analysed(pipeline, SADA_PAGE)
    assert record["language"] == "ar" and record["entities"]
    assert not any("language" in w for w in record["warnings"])


def test_a_mixed_body_keeps_its_arabic_part(pipeline):
    arabic = "\n".join(analysed(pipeline, SADA_PAGE)["text"].split("\n")[:3])
    english = (PAGES / "newspaper4k-cnn-english.html").read_text(encoding="utf-8").split("<p>")[2].split("</p>")[0]
    doc = pipeline(Document(Source("text"), raw=f"{arabic}\n\n{english}"))
    assert doc.language == "ar"
    assert [p.language for p in doc.paragraphs] == ["ar", "ar", "en"]
    english_start = doc.text.index(english[:20])
    assert doc.entities and all(m.end <= english_start for e in doc.entities for m in e.mentions)
    assert "1 of 3 paragraphs in another language (en): left out of the Arabic analyses" in doc.warnings


def test_a_short_latin_line_is_judged_with_the_body(pipeline):
    # CNN Arabic's date line «دمشق، سوريا (CNN) --» and a short Latin line stay in the Arabic analyses
    doc = pipeline(Document(Source("text"), raw=(
        "مخازن للصواريخ\n\nدمشق، سوريا (CNN) -- أكدت جهات سورية معارضة أن فصائل مسلحة معارضة لنظام الرئيس "
        "بشار الأسد سيطرت على مخازن للصواريخ في ريف دمشق.\n\nCNN Arabic, 2013")))
    assert [p.language for p in doc.paragraphs] == ["ar", "ar"]
    assert doc.language == "ar" and not any("language" in w for w in doc.warnings)


@pytest.mark.parametrize("text, language", [
    ("قال الرئيس الروسي فلاديمير بوتين إن التعاون مستمر", "ar"),
    ("یک گروه ۸۰ نفره از اصلاحطلبان اغلب تندرو در بیانیه خود", "fa"),  # Khabar Online, 2020-02-18
    ("Only English here \x1a and nothing else at all today", "en"),  # CLD2 refuses \x1a («invalid UTF-8»)
    ("12345 !!! ؟؟؟", None),
    ("", None),
])
def test_language_of_a_piece_of_text(text, language):
    assert language_of(text) == language


def test_a_writers_email_or_link_is_no_paragraph_in_another_language(pipeline):
    # Asharq Al-Awsat columns in SaudiNewsNet end with the writer's address: 74 articles were warned of
    # a paragraph "in another language"
    doc = pipeline(Document(Source("text"), raw=(
        "عنوان المقال\n\nقال الكاتب إن المشهد الاقتصادي يتغير بسرعة في المنطقة كلها، وإن الحكومات مطالبة بالتحرك.\n\n"
        "a.khojah@asharqalawsat.com\n\ntwitter:@Dr_AhmedKhalil")))
    assert doc.language == "ar" and all(p.language == "ar" for p in doc.paragraphs)
    assert not any("another language" in w for w in doc.warnings)
