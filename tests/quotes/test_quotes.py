"""The quotes stage on real text: direct, indirect and mixed quotes, their cue, speaker (named, unnamed, carried
over) and addressee; what is not a quote; bad input. Excerpts of SaudiNewsNet articles (CC BY-NC-SA, read for
tests only) name their article; the example article is in tests/test_gold_gate.py."""
from __future__ import annotations

import pytest

from marsad import load_pipeline
from marsad.document import Document, Source
from marsad.quotes.stage import QuoteStage


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline()


def quotes(pipeline, text: str) -> list[dict]:
    doc = pipeline(Document(Source("text"), raw="عنوان الخبر\n\n" + text))
    names = {e.id: e.name for e in doc.entities}
    return [{"kind": q.kind, "text": doc.span_text(q), "cue": doc.span_text(q.cue) if q.cue else None,
             "speaker": names.get(q.speaker), "speaker_text": q.speaker_text, "carried": q.carried,
             "addressee": names.get(q.addressee)} for q in doc.quotes]


def test_a_direct_quote_after_a_cue_a_named_subject_and_a_colon(pipeline):
    # 2015-07-21#351 (Asharq Al-Awsat)
    [q] = quotes(pipeline, "وأبدى وزير الخارجية الفرنسي لوران فابيوس تأييده لهذه الفكرة. وقال فابيوس قبل افتتاح مجلس "
                           "الوزراء: «عملية السلام في الشرق الأوسط متوقفة. الوضع سيئ. على أوروبا مساعدة الجانبين».")
    assert q["kind"] == "direct" and q["cue"] == "قال" and q["speaker_text"] == "فابيوس"
    assert q["speaker"] == "لوران فابيوس" and q["text"].startswith("عملية السلام") and q["text"].endswith("الجانبين")


def test_a_cue_with_no_subject_carries_the_speaker_over(pipeline):
    # 2015-07-22#79: «وأضاف:» names nobody; Juncker said the sentence before
    [first, second] = quotes(pipeline, (
        "وسبق أن أكد جان كلود يونكر رئيس المفوضية الأوروبية، أن دول الاتحاد تصرف كل عام ما يصل إلى أربعمائة مليار "
        "يورو لشراء منتجات الطاقة. وأضاف: «في حال نفذنا مشروع سوق الطاقة الموحد، سنوفر هذا المبلغ لفائدة المستهلكين»."))
    assert first["kind"] == "indirect" and first["speaker"] == "جان كلود يونكر" and not first["carried"]
    assert second["kind"] == "direct" and second["speaker"] == "جان كلود يونكر" and second["carried"]
    assert second["speaker_text"] is None


def test_an_indirect_quote_after_inserted_words_runs_to_the_end_of_its_sentence(pipeline):
    # 2015-07-24#815: «وقال شو للصحافيين بمقر الشركة في بكين بأنه …»
    [q] = quotes(pipeline, "وقال شو للصحافيين بمقر الشركة في بكين بأنه ستكون هناك خطتان لتشجيع السيارات الصديقة للبيئة في "
                           "الصين.")
    assert q["kind"] == "indirect" and q["text"].startswith("ستكون هناك خطتان") and q["text"].endswith("في الصين")


def test_an_unnamed_source_is_the_speaker_text_with_no_entity(pipeline):
    # 2015-07-21#1431: «فيما قالت مصادر إنه …»
    [q] = quotes(pipeline, "فيما قالت مصادر إنه سيتم تشغيل مطار عدن خلال الـ\"24\" ساعة القادمة.")
    assert (q["speaker"], q["speaker_text"], q["carried"]) == (None, "مصادر", False)
    assert q["text"].startswith("سيتم تشغيل مطار عدن")


def test_a_clause_with_a_quoted_part_is_mixed(pipeline):
    # 2015-07-23#162 (AFP, Ferguson)
    [q] = quotes(pipeline, "وقال القومندان اندرسن انه سيعمل في البداية على \"بناء الثقة وتطوير عمل الشرطة في "
                           "المجتمع\" ووعد باستقطاب اشخاص جدد.")
    assert q["kind"] == "mixed" and q["speaker_text"] == "القومندان اندرسن"
    assert "\"بناء الثقة" in q["text"]


def test_a_statement_goes_on_after_a_comma_with_a_new_cue_and_the_same_speaker(pipeline):
    # 2015-07-23#1215: «أوضح الخبير المصرفي فهد مزاحم أن … مبينا أن … مشيرا إلى أن …»
    found = quotes(pipeline, (
        "من جهته، أوضح الخبير المصرفي فهد مزاحم أن هذا الصندوق هدفه الرئيسي حماية وتعزيز الاستقرار المالي والثقة.\n\n"
        "مبينا أن البنوك هي من ستمول هذا المشروع وليس الأفراد، مشيرا إلى أن التفاصيل بشأن الصندوق لم تتضح حتى الآن."))
    assert [q["cue"] for q in found] == ["أوضح", "مبينا", "مشيرا"]
    assert found[0]["speaker_text"] == "الخبير المصرفي فهد مزاحم"  # a name the entity layer does not know: no entity
    assert found[1]["text"] == "البنوك هي من ستمول هذا المشروع وليس الأفراد"
    assert found[2]["text"].startswith("التفاصيل بشأن الصندوق")


def test_a_feminine_cue_carries_a_speaker_of_its_own_gender(pipeline):
    found = quotes(pipeline, "وقال الوزير خالد الفالح إن الإنتاج مستقر. وقالت الدكتورة مريم الهواوي إن المشروع "
                             "ناجح. وأضاف أن الأسعار ستبقى كما هي، وأضافت أن التطوع ليس مقتصرا على الصغار.")
    assert [(q["cue"], q["speaker"]) for q in found] == [
        ("قال", "خالد الفالح"), ("قالت", "مريم الهواوي"), ("أضاف", "خالد الفالح"), ("أضافت", "مريم الهواوي")]


def test_a_name_in_quote_marks_before_the_clause_is_no_quote(pipeline):
    # 2015-07-22#1321: «وقالت شبكة “بي بي سي” البريطانية أن النسخة …»
    [q] = quotes(pipeline, "وقالت شبكة “بي بي سي” البريطانية أن النسخة كتبت على قطع من جلد الغنم أو الماعز.")
    assert q["kind"] == "indirect" and q["text"].startswith("النسخة كتبت")


@pytest.mark.parametrize("text", [
    "وأعلنت الصين أنها تمتلك صداقة مع روسيا. وطورت العلاقات لتعزيز \"الشراكة الاستراتيجية\" بين البلدين.",
    "وقال الوزير بعد أن التقى نظيره في الرياض إن المحادثات مثمرة.",
    # 2015-08-06#2109 (Al Watan): «مؤكدا استعداد موسكو للحفاظ على …» is no «أكد على» clause
    "والتوجه للانفتاح على إيران والحوثيين في اليمن، مؤكدا استعداد موسكو للحفاظ على ماء وجه السعودية مع حلفائها.",
])
def test_scare_quotes_and_clauses_of_no_speech_are_not_quotes(pipeline, text):
    found = quotes(pipeline, text)
    assert all("الشراكة الاستراتيجية" not in q["text"] for q in found)
    assert all(not q["text"].startswith(("التقى", "ماء وجه")) for q in found)


def test_a_relative_pronoun_an_addressee_and_a_role_that_names_the_speaker_again(pipeline):
    # 2015-07-21#135 (Asharq Al-Awsat, Nigeria): «بحسب النائب محمد ساندو، الذي قال لوكالة الصحافة الفرنسية: «…»
    # … وأضاف النائب: «…»»
    first, second = quotes(pipeline, (
        "وكان أكثرها دموية في قرية نغامدو، بحسب النائب محمد ساندو، الذي قال لوكالة الصحافة الفرنسية: «لقد أقام "
        "مسلحو بوكو حرام حاجزًا، أمس، على الطريق السريع بين داماتورو وميديغوري».\n\nوأضاف النائب: «بعد ذلك هاجموا "
        "السائقين وقتلوا أكثر من 20 شخصا»."))
    assert (first["speaker"], first["addressee"]) == ("محمد ساندو", "وكالة الصحافة الفرنسية")
    assert (second["speaker"], second["speaker_text"], second["carried"]) == ("محمد ساندو", "النائب", False)


@pytest.mark.parametrize("text", [
    "وقال الوزير: «هذا الكلام لم يكتمل",  # opened and never closed
    "«»«»“”\"\"«»",  # nothing but quote marks
    "وقال",  # a cue with no words after it
    "وأضاف أن",
    "وقال «الوزير «إن» الاجتماع» انتهى \"بعد\" ساعة.",  # nested marks
    "وقال الوزير: «" + "كلمة " * 2500 + "»",  # a 12,500-character quote
])
def test_bad_input_gives_no_crash_and_no_quote_past_its_paragraph(pipeline, text):
    doc = pipeline(Document(Source("text"), raw="عنوان\n\n" + text + "\n\nفقرة أخرى لا قول فيها."))
    assert not doc.failed
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(doc.text) and "فقرة أخرى" not in doc.span_text(q)


def test_two_thousand_quotes_in_one_article(pipeline):
    doc = pipeline(Document(Source("text"), raw="عنوان\n\n" + " ".join(
        f"وقال الوزير إن الاجتماع رقم {i} انتهى." for i in range(2000))))
    assert len(doc.quotes) == 2000 and not doc.failed


def test_the_stage_declares_what_it_needs():
    assert QuoteStage.requires == ("tokens", "sentences", "paragraphs", "entities") and QuoteStage.provides == ("quotes",)
