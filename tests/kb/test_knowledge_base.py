"""The shipped knowledge base: lookup by folded form, nisba adjectives, ambiguity, provenance."""
from importlib import resources

import pytest

from marsad.kb import KBEntry, load_kb
from marsad.text.normalise import fold


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def first(kb, text: str) -> KBEntry:
    hits = kb.lookup(fold(text))
    assert hits, f"no entry for {text}"
    return hits[0]


@pytest.mark.parametrize("text", ["شي جين بينغ", "شي جين بينج", "شي جينبينغ"])
def test_kb_xi_jinping_spellings(kb, text):
    entry = first(kb, text)
    assert entry.name_en == "Xi Jinping"
    assert (entry.type, entry.country, entry.actor) == ("PERSON", "CHN", "CHNGOV")
    assert not entry.ambiguous


def test_kb_short_form_that_is_a_common_word_is_ambiguous(kb):
    hits = kb.lookup(fold("شي"))
    assert any(e.name_en == "Xi Jinping" for e in hits)
    assert all(e.ambiguous for e in hits)
    assert not kb.get("m:person:xi-jinping").ambiguous


@pytest.mark.parametrize("text", ["الصين", "صين", "الصّين"])
def test_kb_country_with_or_without_article(kb, text):
    entry = first(kb, text)
    assert (entry.id, entry.type, entry.name_en, entry.country) == ("m:gpe:CHN", "GPE", "China", "CHN")


def test_kb_moscow_has_coordinates_and_country(kb):
    entry = first(kb, "موسكو")
    assert (entry.name_en, entry.country, entry.type) == ("Moscow", "RUS", "GPE")
    lat, lon = entry.coordinates
    assert 55 < lat < 56.5 and 37 < lon < 38.5


@pytest.mark.parametrize("text", ["روسي", "الروسية", "روسيه", "الروسي", "الروسيين"])
def test_kb_nisba_points_to_country(kb, text):
    assert kb.nisba(fold(text)).id == "m:gpe:RUS"


@pytest.mark.parametrize("text, iso3", [("الأمريكية", "USA"), ("الأميركي", "USA"),
                                        ("الكورية الشمالية", "PRK"), ("السعودي", "SAU"),
                                        ("الصينية", "CHN"), ("الإسرائيلي", "ISR")])
def test_kb_nisba_other_countries(kb, text, iso3):
    assert kb.nisba(fold(text)).country == iso3


def test_kb_nisba_unknown_word(kb):
    assert kb.nisba(fold("المالية")) is None


@pytest.mark.parametrize("text", ["حلف شمال الأطلسي", "الناتو", "حلف الناتو", "ناتو"])
def test_kb_nato_names(kb, text):
    entry = first(kb, text)
    assert (entry.id, entry.name_en, entry.actor) == ("m:org:nato", "NATO", "NATO")


@pytest.mark.parametrize("text, name_en", [("بحر الصين الشرقي", "East China Sea"),
                                           ("بحر اليابان", "Sea of Japan"),
                                           ("مضيق هرمز", "Strait of Hormuz"),
                                           ("الخليج العربي", "Persian Gulf"),
                                           ("منطقة آسيا والمحيط الهادئ", "Asia-Pacific")])
def test_kb_seas_and_regions_are_loc(kb, text, name_en):
    entry = first(kb, text)
    assert (entry.type, entry.name_en) == ("LOC", name_en)


@pytest.mark.parametrize("text, name_en, actor", [
    ("تشانغ يوشيا", "Zhang Youxia", "CHNMIL"),
    ("تشانج يوشيا", "Zhang Youxia", "CHNMIL"),
    ("لجنة الشؤون العسكرية المركزية", "Central Military Commission (China)", "CHNMIL"),
    ("أسوشيتد برس", "Associated Press", "USAMED"),
    ("فلاديمير بوتين", "Vladimir Putin", "RUSGOV"),
    ("داعش", "Islamic State", "IMGREB"),
    ("أنصار الله", "Houthis", "YEMREB"),
])
def test_kb_curated_people_and_organisations(kb, text, name_en, actor):
    entry = first(kb, text)
    assert (entry.name_en, entry.actor) == (name_en, actor)


def test_kb_roles_are_arabic_phrases(kb):
    assert "الرئيس الروسي" in kb.get("m:person:vladimir-putin").roles


def test_kb_city_ranked_by_population(kb):
    hits = kb.lookup(fold("موسكو"))
    assert hits[0].country == "RUS" and len(hits) > 1


def test_kb_persian_spellings_dropped(kb):
    assert not any(set(form) & set("پچژگکیے") for e in kb.entries for form in [e.name, *e.variants]
                   if "geonames" in e.source and e.type == "GPE")


def test_kb_every_entry_names_a_source_and_no_guessed_wikidata(kb):
    assert len(kb.entries) > 5000
    assert all(e.source for e in kb.entries)
    assert all(e.wikidata is None for e in kb.entries)
    assert all(e.type in {"PERSON", "ORG", "GPE", "LOC", "MISC"} for e in kb.entries)


def test_kb_ids_are_unique_and_get_round_trips(kb):
    ids = [e.id for e in kb.entries]
    assert len(ids) == len(set(ids))
    assert kb.get("m:gpe:RUS").name_en == "Russia"
    assert kb.get("m:nothing") is None


def test_kb_unknown_and_empty_keys(kb):
    assert kb.lookup("") == []
    assert kb.lookup(fold("كلمةغيرموجودة")) == []


def test_kb_attribution_ships_with_the_artefact():
    folder = resources.files("marsad").joinpath("resources", "kb")
    text = folder.joinpath("ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "GeoNames" in text and "CC BY 4.0" in text and "MIT" in text


def test_kb_load_is_cached(kb):
    assert load_kb() is kb


@pytest.mark.parametrize("form, name, name_en", [("الرياض", "الرياض", "Riyadh"), ("موسكو", "موسكو", "Moscow")])
def test_kb_capitals_keep_the_name_the_press_writes(kb, form, name, name_en):
    best = kb.lookup(fold(form))[0]
    assert (best.name, best.name_en) == (name, name_en)


@pytest.mark.parametrize("form", ["مالي", "بنين"])
def test_kb_country_names_that_are_common_words_are_ambiguous(kb, form):
    assert kb.is_ambiguous(fold(form))


def test_kb_capital_name_is_not_ambiguous(kb):
    """«الرياض» is the Saudi capital in news, though «رياض» (gardens) is a word."""
    assert not kb.is_ambiguous(fold("الرياض"))
    assert not kb.lookup(fold("الرياض"))[0].ambiguous


@pytest.mark.parametrize("text, kb_id, country, actor, role", [
    ("توشيميتسو موتيغي", "m:person:toshimitsu-motegi", "JPN", "JPNGOV", "وزير الخارجية الياباني"),
    ("مانوهار باريكار", "m:person:manohar-parrikar", "IND", "INDGOV", "وزير الدفاع الهندي"),
    ("بيبين راوات", "m:person:bipin-rawat", "IND", "INDMIL", "رئيس أركان الدفاع الهندي"),
    ("توني راداكين", "m:person:tony-radakin", "GBR", "GBRMIL", "رئيس أركان الدفاع البريطاني"),
])
def test_kb_g20_ministers_and_chiefs_of_staff(kb, text, kb_id, country, actor, role):
    entry = first(kb, text)
    assert (entry.id, entry.type, entry.country, entry.actor) == (kb_id, "PERSON", country, actor)
    assert role in entry.roles


@pytest.mark.parametrize("text", ["بارك كون هيه", "بارك غيون هيه", "بارك جيون هيه"])
def test_kb_korean_president_spellings(kb, text):
    """East Asian names get غ/ج variants from the builder."""
    entry = first(kb, text)
    assert (entry.id, entry.country, entry.actor) == ("m:person:park-geun-hye", "KOR", "KORGOV")
    assert "الرئيسة الكورية الجنوبية" in entry.roles


def test_kb_surname_that_is_a_common_word_is_not_a_key(kb):
    """Rows for «يوسف الشاهد» and «الحبيب الصيد» give no one-word variant: الشاهد/الصيد are common words."""
    assert first(kb, "يوسف الشاهد").id == "m:person:youssef-chahed"
    assert first(kb, "الحبيب الصيد").country == "TUN"
    assert not any(e.type == "PERSON" for e in kb.lookup(fold("الصيد")))
    assert not any(e.type == "PERSON" for e in kb.lookup(fold("الشاهد")))
