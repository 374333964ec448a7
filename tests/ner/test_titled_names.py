"""People named right after a title, from real sentences."""
from __future__ import annotations

from marsad import load_pipeline
from marsad.config import EntityConfig, PipelineConfig, TaggerKind
from marsad.document import Document, Source
from marsad.kb import load_kb
from marsad.ner.mentions import NameMatch
from marsad.ner.merge import extend_or_trim

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
    doc = KB_ONLY(Document(Source("text"), raw="وشارك في العرض عمر إبراهيم وطريف المعروف"))
    omar = NameMatch(3, 4, doc.tokens[3].start, doc.tokens[3].end, "عمر", "PERSON", origin="tagger")
    extend_or_trim(doc.text, doc.tokens, omar, load_kb())
    assert doc.text[omar.start:omar.end] == "عمر إبراهيم"
    tarif = NameMatch(5, 7, doc.tokens[5].start + 1, doc.tokens[6].end, "طريف المعروف", "PERSON", origin="tagger")
    extend_or_trim(doc.text, doc.tokens, tarif, load_kb())  # a common word at the end is no part of the name
    assert doc.text[tarif.start:tarif.end] == "طريف"


def test_no_name_across_a_paragraph_break():
    doc = KB_ONLY(Document(Source("text"), raw="وصل الوفد إلى روسيا\n\nالبيضاء هي اللون الغالب."))
    assert all("\n" not in doc.text[m.start:m.end] for e in doc.entities for m in e.mentions)


def test_a_given_name_prose_uses_as_a_word_or_a_particle_alone_is_no_person():
    shipped = load_pipeline(PipelineConfig())
    doc = shipped(Document(Source("text"), raw="وأن يكون حسن السيرة ولائقا صحيا، وكان مذيعا سعوديا ولد كبيرا."))
    assert [e.name for e in doc.entities if e.type == "PERSON"] == []


def test_a_facility_named_for_a_king_is_no_person():
    doc = KB_ONLY(Document(Source("text"), raw="وتقام الصلاة في جامع الملك خالد بأم الحمام، ثم المباراة في استاد الملك فهد الدولي."))
    assert {(e.type, e.name) for e in doc.entities if e.type in ("ORG", "PERSON")} == {
        ("ORG", "جامع الملك خالد"), ("ORG", "استاد الملك فهد الدولي")}


def test_a_name_chain_that_begins_with_a_role_word_keeps_it_and_a_function_word_ends_a_name():
    shipped = load_pipeline(PipelineConfig())
    doc = shipped(Document(Source("text"), raw="وزيارة رئيس الهيئة العامة للسياحة والتراث الوطني الأمير سلطان بن سلمان "
                                               "للمنطقة، وقالت الممثلة رجاء الجداوي ما حدث."))
    people = {e.name: (e.roles, [doc.text[m.start:m.end] for m in e.mentions]) for e in doc.entities if e.type == "PERSON"}
    assert people["سلطان بن سلمان"] == (["رئيس الهيئة العامة للسياحة والتراث الوطني"], ["سلطان بن سلمان"])
    assert "رجاء الجداوي" in people


def test_a_foreign_name_after_an_office_is_a_person():
    # alriyadh 2015-07-22 (AFP): «وقالت المتحدثة بابالويا مبيندو إن القطار …»; not the nisbas «تنظيمي نسائي»
    shipped = load_pipeline()
    doc = shipped(Document(Source("text"), raw="وقالت المتحدثة بابالويا مبيندو إن القطار الذي كان يتحرك اصطدم بآخر."))
    assert [(e.name, e.roles) for e in doc.entities if e.type == "PERSON"] == [("بابالويا مبيندو", ["المتحدثة"])]


def test_a_verb_or_a_noun_after_an_office_is_no_foreign_name():
    shipped = load_pipeline()
    for text in ("وقال متحدث باسم مقاتلين يمنيين اليوم الاثنين إن المقاتلين تقدموا.",  # reuters 2015
                 "وجد المستثمرون أنفسهم أمام معضلة تبعتها مشكلة ثلاثية الأبعاد."):  # أمام is no إمام
        doc = shipped(Document(Source("text"), raw=text))
        assert [e.name for e in doc.entities if e.type == "PERSON"] == []
