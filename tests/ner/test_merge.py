"""Within-article merging rules, one at a time, on short real sentences (KB-only mode)."""
from __future__ import annotations

import pytest

from marsad import load_pipeline
from marsad.config import EntityConfig, PipelineConfig, TaggerKind
from marsad.document import Document, Source
from marsad.ner.clusters import is_name_word, loose
from marsad.ner.merge import a_lone_word, not_a_lone_surname
from marsad.ner.mentions import NameMatch
from marsad.pipeline import Pipeline
from marsad.text.normalise import fold


@pytest.fixture(scope="module")
def stage() -> Pipeline:
    """The shipped pipeline with names from the knowledge base only."""
    return load_pipeline(PipelineConfig(entities=EntityConfig(tagger=TaggerKind.none)))


def entities(text: str, stage: Pipeline) -> dict:
    doc = stage(Document(Source("text"), raw=text))
    return {(e.name_en or e.name): (e, [doc.text[m.start:m.end] for m in e.mentions]) for e in doc.entities}


@pytest.mark.parametrize("a, b", [("بينج", "بينغ"), ("تشانج", "تشانغ"), ("مؤتمر", "موتمر")])
def test_loose_form_folds_transliteration_and_hamza_variants(a, b):
    assert loose(fold(a)) == loose(fold(b))


@pytest.mark.parametrize("word, ok", [("بوتين", True), ("بن", False), ("علي", False), ("الرئيس", False)])
def test_short_form_words(word, ok):
    assert is_name_word(fold(word)) is ok  # علي is also the preposition على


def test_surname_after_full_name(stage):
    # example article (صدى البلد): «التقى الرئيس الروسي فلاديمير بوتين … أكد بوتين»
    ents = entities("التقى الرئيس الروسي فلاديمير بوتين بضيفه. وأكد بوتين على أهمية التعاون.", stage)
    assert ents["Vladimir Putin"][1] == ["فلاديمير بوتين", "بوتين"]


def test_family_name_first_for_chinese_names_and_clitic(stage):
    ents = entities("التقى بوتين بالجنرال تشانج يوشيا. وقال بوتين لتشانج إن التعاون مهم.", stage)
    zhang, texts = ents["Zhang Youxia"]
    assert texts == ["تشانج يوشيا", "تشانج"] and "الجنرال" in zhang.roles


def test_one_word_name_only_after_its_full_form(stage):
    before = entities("وقد زار شي موسكو في مارس. والتقى شي جين بينج ببوتين.", stage)
    assert before["Xi Jinping"][1] == ["شي جين بينج"]
    after = entities("والتقى شي جين بينج ببوتين. وقد زار شي موسكو في مارس.", stage)
    assert after["Xi Jinping"][1] == ["شي جين بينج", "شي"]


def test_spelling_variants_are_one_entity(stage):
    ents = entities("طور بوتين والرئيس الصيني شي جين بينج العلاقات. وشكر الرئيس شي جين بينغ.", stage)
    xi, texts = ents["Xi Jinping"]
    assert texts == ["شي جين بينج", "شي جين بينغ"]
    assert "الرئيس الصيني" in xi.roles


def test_role_alone_names_the_person_named_with_it(stage):
    # example article: «التقى الرئيس الروسي فلاديمير بوتين … وقال الرئيس الروسي: "…"»
    ents = entities('التقى الرئيس الروسي فلاديمير بوتين بضيفه. وقال الرئيس الروسي: "أقصد الفضاء".', stage)
    assert ents["Vladimir Putin"][1] == ["فلاديمير بوتين", "الرئيس الروسي"]


def test_role_alone_names_the_person_whose_kb_roles_say_so(stage):
    ents = entities("وصل بوتين إلى بكين. وقال الرئيس الروسي إن الزيارة ناجحة.", stage)
    assert ents["Vladimir Putin"][1] == ["بوتين", "الرئيس الروسي"]


def test_role_before_another_name_is_not_a_mention(stage):
    # aawsat.com 2015-07-21 (article 409876): «وزير الخارجية جون كيري … وزير خارجية كوبا برونو رودريغيز»
    ents = entities("التقى وزير الخارجية جون كيري وزير خارجية كوبا برونو رودريغيز في واشنطن.", stage)
    assert ents["John Kerry"][1] == ["جون كيري"]


def test_role_alone_without_anyone_named_is_nothing(stage):
    ents = entities("وقال الرئيس الروسي إن الزيارة ناجحة.", stage)
    assert "Vladimir Putin" not in ents


def test_org_head_noun_after_the_full_name(stage):
    # example article: «اتهمت حلف شمال الأطلسي … تسحب الولايات المتحدة أعضاء الحلف»
    ents = entities("اتهمت الصين حلف شمال الأطلسي بإثارة التوترات. وتسحب واشنطن أعضاء الحلف إلى آسيا.", stage)
    assert ents["NATO"][1] == ["حلف شمال الأطلسي", "الحلف"]


def test_org_head_noun_before_the_full_name_is_nothing(stage):
    ents = entities("وتسحب واشنطن أعضاء الحلف. واتهمت الصين حلف شمال الأطلسي.", stage)
    assert ents["NATO"][1] == ["حلف شمال الأطلسي"]


def test_apposition_after_a_name_gives_roles(stage):
    text = ("التقى بوتين بالجنرال تشانج يوشيا، الذي يعتبر ثاني أعلى مسؤول عسكري في الصين ونائب رئيس "
            "لجنة الشؤون العسكرية المركزية اليوم الأربعاء.")
    ents = entities(text, stage)
    zhang = ents["Zhang Youxia"][0]
    assert zhang.roles == ["الجنرال", "ثاني أعلى مسؤول عسكري في الصين", "نائب رئيس لجنة الشؤون العسكرية المركزية"]
    assert ents["Central Military Commission (China)"][0].country == "CHN"


def test_patronymic_chain_is_not_a_short_form(stage):
    # aawsat.com 2015-07-21 (article 405851): «الأمير سلطان بن سلمان بن عبد العزيز»
    ents = entities("استقبل الملك سلمان بن عبد العزيز الوفد. وحضر الأمير سلطان بن سلمان بن عبد العزيز.", stage)
    salman, texts = ents["Salman of Saudi Arabia"]
    assert texts == ["سلمان بن عبد العزيز"]
    assert "Mohammed bin Salman" not in ents


def test_title_is_split_from_a_kb_name_that_includes_it(stage):
    ents = entities("وشكر الرئيس شي جين بينغ ضيوفه.", stage)
    xi, texts = ents["Xi Jinping"]
    assert texts == ["شي جين بينغ"] and "الرئيس" in xi.roles


def test_long_kb_names_win_over_the_names_inside_them(stage):
    ents = entities("دوريات فوق بحر اليابان وبحر الصين الشرقي وفي منطقة آسيا والمحيط الهادئ.", stage)
    assert set(ents) == {"Sea of Japan", "East China Sea", "Asia-Pacific"}
    assert ents["Asia-Pacific"][1] == ["منطقة آسيا والمحيط الهادئ"]
    assert ents["East China Sea"][1] == ["بحر الصين الشرقي"]  # the و outside


def test_country_long_form_and_clitic_are_the_country(stage):
    ents = entities("لكل من روسيا وجمهورية الصين الشعبية. وأجرت روسيا والصين مناورات.", stage)
    assert ents["China"][1] == ["جمهورية الصين الشعبية", "الصين"]
    assert ents["China"][0].type == "GPE"


@pytest.fixture(scope="module")
def shipped() -> Pipeline:
    return load_pipeline()


@pytest.mark.parametrize("text, full, short", [
    # sabq.org 2015-08-09: «محافظ الطائف فهد بن عبدالعزيز بن معمر … وقال بن معمر»
    ("استنكر محافظ الطائف فهد بن عبدالعزيز بن معمر، حادث التفجير. وقال بن معمر: \"إن هذا العمل يتنافى مع مبادئ الدين\".",
     "فهد بن عبدالعزيز بن معمر", "بن معمر"),
    # «محمد بن معيض الفايز … رئيس المركز محمد الفايز»
    ("برعاية رئيس مركزي بني حرير وبني عدوان محمد بن معيض الفايز. ثم ألقى رئيس المركز محمد الفايز كلمة في الحفل.",
     "محمد بن معيض الفايز", "محمد الفايز"),
    ("وافتتح الدكتور عبدالله بن محمد الشهراني المعرض. وأكد الشهراني أهمية التوعية.",
     "عبدالله بن محمد الشهراني", "الشهراني"),
])
def test_a_name_chain_is_shortened_to_its_end_or_its_first_and_last_names(shipped, text, full, short):
    doc = shipped(Document(Source("text"), raw=text))
    people = [[doc.text[m.start:m.end] for m in e.mentions] for e in doc.entities if e.type == "PERSON"]
    assert [full, short] in people


def test_a_surname_does_not_take_an_article_it_lacks(shipped):
    # «تطلق العنان» (gives free rein) is not Sami Anan (KB: «سامي عنان», «عنان»)
    doc = shipped(Document(Source("text"), raw="بل تطلق العنان لتصرفات رعناء تجعل من الشارع مكاناً غير صالح."))
    assert not [e for e in doc.entities if e.name_en == "Sami Anan"]


@pytest.mark.parametrize("word, alone", [
    ("الغامدي", True), ("السيستاني", True), ("الصرخي", True),  # listed family names
    ("الكاميرا", False), ("المارينز", False), ("الحكيم", False),  # a loanword, a plural, a common adjective
])
def test_one_definite_word_is_a_person_alone_only_as_a_family_name(word, alone):
    m = NameMatch(0, 1, 0, len(word), fold(word), "PERSON", origin="tagger", tagged=True)
    assert not_a_lone_surname(m) is not alone


def test_a_proclitic_before_a_given_name_is_no_part_of_the_name(shipped):
    # «فسامي الجابر» (so Sami al-Jaber), «لعبد الرحمن بن سمرة»
    doc = shipped(Document(Source("text"), raw="فسامي الجابر هو المدرب الذي قاد الفريق."))
    assert [doc.text[m.start:m.end] for e in doc.entities for m in e.mentions] == ["سامي الجابر"]


def test_a_first_name_alone_is_the_one_person_named_before_with_it(shipped):
    # alqabas via sabq 2015-07-22: «الفنان الكويتي عبدالحسين عبدالرضا … ويعد عبدالحسين من أبرز الرموز الفنية»
    doc = shipped(Document(Source("text"), raw="غادر الفنان الكويتي عبدالحسين عبدالرضا مستشفى رويال برومبتون في لندن. "
                                                  "ويعد عبدالحسين من أبرز الرموز الفنية في الكويت والخليج."))
    people = [[doc.text[m.start:m.end] for m in e.mentions] for e in doc.entities if e.type == "PERSON"]
    assert all("عبدالحسين" not in texts or texts[0] == "عبدالحسين عبدالرضا" for texts in people)


def test_a_tagged_person_does_not_run_across_the_and_of_a_list(shipped):
    # alwatan 2015-07: «عبدالله قيسي وساري عمرو»; «الجابر وجاملوه» (and they flattered him)
    doc = shipped(Document(Source("text"), raw="أكد عبدالله قيسي وساري عمرو أن الفريق جاهز."))
    assert [e.name for e in doc.entities if e.type == "PERSON"] == ["عبدالله قيسي", "ساري عمرو"]
    doc = shipped(Document(Source("text"), raw="ودافع سامي الجابر وجاملوه في اللقاء."))
    assert [e.name for e in doc.entities if e.type == "PERSON"] == ["سامي الجابر"]


def test_a_lone_common_word_the_tagger_calls_a_person_is_none(stage):
    # «صالح» "good", «عربي» "Arab" alone, never named in full: no person; a foreign surname alone is one
    def lone(text: str, last: int) -> bool:
        doc = stage(Document(Source("text"), raw=text))
        words = text.split()
        return a_lone_word(NameMatch(0, last, 0, len(" ".join(words[:last])), fold(" ".join(words[:last])),
                                     "PERSON", origin="tagger"), doc.tokens)
    assert lone("صالح جدا هذا العمل", 1)
    assert not lone("مورينيو يغادر", 1)
    assert not lone("خالد علي يغادر", 2)
    assert not lone("خالد علي يغادر", 1)  # the tagger cut the name short: a given name follows
