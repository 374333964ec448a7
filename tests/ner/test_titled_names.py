"""People named right after a title, from real sentences."""
from __future__ import annotations

from marsad import load_pipeline
from marsad.config import EntityConfig, PipelineConfig, TaggerKind
from marsad.document import Document, Source

KB_ONLY = load_pipeline(PipelineConfig(entities=EntityConfig(tagger=TaggerKind.none)))


def people(text: str) -> dict[str, list[str]]:
    doc = KB_ONLY(Document(Source("text"), raw=text))
    return {e.name: e.honorifics for e in doc.entities if e.type == "PERSON"}


def test_a_listed_given_name_after_a_title_is_a_person():
    found = people("كما ضم المعرض صور تشريف الملازم طيار الأمير بندر الفيصل وأمير مقاطعة أبها لأحد المهرجانات.")
    assert found == {"بندر الفيصل": ["الأمير"]}


def test_the_next_item_of_a_list_is_not_part_of_the_name():
    assert list(people("وحضر المهندس فيصل الخراع وعدد من المسؤولين.")) == ["فيصل الخراع"]


def test_an_epithet_after_a_title_is_no_person():
    assert people("وأصدر شيخ الأزهر الشريف بيانا.") == {}


def test_a_name_the_tagger_cut_short_takes_the_next_listed_name():
    shipped = load_pipeline(PipelineConfig())
    doc = shipped(Document(Source("text"), raw="ليماني ويحيي بقاش وأحمد سرور وخالد علي واعتدال السباعي وهوازن باداود"))
    assert "خالد علي" in {e.name for e in doc.entities if e.type == "PERSON"}


def test_no_name_across_a_paragraph_break():
    doc = KB_ONLY(Document(Source("text"), raw="وصل الوفد إلى روسيا\n\nالبيضاء هي اللون الغالب."))
    assert all("\n" not in doc.text[m.start:m.end] for e in doc.entities for m in e.mentions)
