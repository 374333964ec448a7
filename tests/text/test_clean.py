import re

import pytest

from marsad.document import Document, Source
from marsad.text.clean import clean
from marsad.text.normalise import fold


def cleaned(raw: str, **kwargs) -> Document:
    return clean(Document(Source("text"), raw=raw, **kwargs))


def test_example_masthead_title_outlet_and_sections(example_text):
    doc = cleaned(example_text)
    assert doc.title.startswith("الفضاء والأسلحة الجديدة.. تعاون صيني روسي")
    assert doc.outlet == "صدى البلد"
    assert doc.wire_sources == ["Associated Press"]
    for line in ("الإشراف العام", "إلهام أبو الفتح", "رئيس التحرير", "أحمد صبري"):
        assert line not in fold(doc.text)
    assert doc.text.startswith("التقى الرئيس الروسي فلاديمير بوتين بالجنرال تشانج يوشيا")
    assert doc.text.endswith("انطلاقا من مصالحها الأنانية”.")
    assert [s.heading for s in doc.sections] == [None, "العلاقات الروسية الصينية", "التعاون العسكري الروسي الصيني"]


def test_sections_cover_text_in_order_and_start_with_their_heading(example_text):
    doc = cleaned(example_text)
    assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text)
    for before, after in zip(doc.sections, doc.sections[1:]):
        assert before.end == after.start
    for s in doc.sections:
        assert s.heading is None or doc.text[s.start:].startswith(s.heading)


def test_text_keeps_tatweel_diacritics_and_quote_marks():
    raw = "عنوان الخبر\n\nقال أحمــد: «مُحَمَّد هنا» و\"هناك”.\n\nوانتهى الاجتماع."
    doc = cleaned(raw)
    assert "أحمــد: «مُحَمَّد هنا» و\"هناك”." in doc.text


def test_white_space_is_tidied():
    doc = cleaned("عنوان\n\n\n  قال   الوزير\tإن الاجتماع انتهى.  \r\n\r\n\r\nثم غادر.")
    assert doc.text == "قال الوزير إن الاجتماع انتهى.\n\nثم غادر."


@pytest.mark.parametrize("source", ["aawsat", "alriyadh", "okaz", "sabq", "alyaum"])
def test_title_line_is_found_on_real_articles(snn_articles, source):
    """Title line + body, as a scraper pastes them: the title leaves the text (SaudiNewsNet, 2015-07-21)."""
    for art in [a for a in snn_articles if a["source"] == source and a["title"] and len(a["content"]) > 300][:5]:
        doc = cleaned(art["title"] + "\n\n" + art["content"])
        assert doc.title == " ".join(art["title"].split())
        first_words = " ".join(art["content"].split()[:4])
        assert doc.text.startswith(first_words)


def test_outlet_line_after_title_on_real_article(snn_articles):
    art = next(a for a in snn_articles if a["source"] == "okaz" and len(a["content"]) > 300)
    doc = cleaned(art["title"] + "\nعكاظ\n" + art["content"])
    assert doc.outlet == "عكاظ"
    assert not doc.text.startswith("عكاظ")


def test_more_teaser_is_dropped_on_real_articles(snn_articles):
    """Asharq Al-Awsat pages end with «...المزيد» (SaudiNewsNet, 2015-07-21)."""
    teased = [a for a in snn_articles if re.search(r"\.\.\.\s*المزيد\s*$", a["content"])]
    assert teased
    for art in teased[:10]:
        doc = cleaned(art["content"])
        assert not doc.text.rstrip().endswith("المزيد")
        last_sentence = art["content"].split("...المزيد")[0].split()[-3:]
        assert " ".join(last_sentence) in doc.text


def test_read_also_block_is_dropped(snn_articles):
    """A real article (SaudiNewsNet) with a «اقرأ أيضا» list of two other real headlines pasted into it."""
    article, *others = [a for a in snn_articles if a["source"] == "aawsat" and a["content"].count("\n\n") >= 2][:3]
    first, rest = article["content"].split("\n\n", 1)
    raw = f"{article['title']}\n\n{first}\n\nاقرأ أيضاً:\n{others[0]['title']}\n{others[1]['title']}\n\n{rest}"
    doc = cleaned(raw)
    assert "اقرأ" not in doc.text[:len(first) + 20]
    assert others[0]["title"] not in doc.text and others[1]["title"] not in doc.text
    assert doc.text.startswith(" ".join(first.split()[:5]))
    assert " ".join(rest.split()[-5:]) in doc.text


def test_share_prompts_and_copyright_lines_are_dropped_but_sentences_starting_alike_stay():
    raw = ("عنوان\n\nشارك الرئيس في افتتاح المؤتمر الدولي للطاقة الذي عقد في العاصمة بحضور عدد من الوزراء.\n"
           "شارك الخبر\nتابعونا على فيسبوك\n© جميع الحقوق محفوظة لصدى البلد 2023")
    doc = cleaned(raw)
    assert doc.text == "شارك الرئيس في افتتاح المؤتمر الدولي للطاقة الذي عقد في العاصمة بحضور عدد من الوزراء."


def test_writer_contact_footer_is_dropped(snn_articles):
    """Al Madina columns end with a Twitter handle and SMS codes (SaudiNewsNet)."""
    art = next((a for a in snn_articles if "للتواصل مع الكاتب" in a["content"]), None)
    if art is None:
        pytest.skip("no such column on this day")
    assert "للتواصل مع الكاتب" not in cleaned(art["content"]).text


def test_staff_line_with_name_on_the_same_line():
    raw = "رئيس التحرير: أحمد صبري\nعنوان الخبر\n\nقال الوزير إن الاجتماع كان مثمرا وإن الطرفين اتفقا على مواصلة الحوار."
    doc = cleaned(raw)
    assert doc.title == "عنوان الخبر"
    assert "صبري" not in doc.text


def test_an_empty_body_is_a_warning_not_a_failure():
    empty = cleaned("")
    assert empty.text == "" and empty.sections == [] and not empty.failed
    assert any("empty" in w for w in empty.warnings)


def test_nul_and_lone_surrogates_become_replacement_characters():
    doc = cleaned("قال\x00 الوزير \ud800 إن")
    assert "\x00" not in doc.text and "\ud800" not in doc.text and "\ufffd" in doc.text
    assert any("U+FFFD" in w for w in doc.warnings)


BODY = [f"قال المتحدث باسم الوزارة إن فرق الدفاع المدني تمكنت من السيطرة على الحريق رقم {n} خلال ساعتين دون إصابات."
        for n in range(3)]


def test_bylines_datelines_and_one_word_lines_are_not_headings():
    """Shapes seen in SaudiNewsNet (Ajel): «name – عين اليوم» bylines and one-word captions."""
    raw = (f"عنوان الخبر\n\nداليا أبوالعيش – عين اليوم\n\n{BODY[0]}\n\nجروس\n\n{BODY[1]}\n\n"
           f"عين اليوم - الرياض\n\n{BODY[2]}")
    assert [s.heading for s in cleaned(raw).sections] == [None]


def test_heading_needs_a_full_paragraph_before_it():
    doc = cleaned(f"عنوان الخبر\n\nناصر الجديع\n\n{BODY[0]}\n\nجهود جبارة\n\n{BODY[1]}")
    assert [s.heading for s in doc.sections] == [None, "جهود جبارة"]


def test_a_block_of_short_lines_pasted_twice_keeps_no_copy():
    nav = "الرئيسية\nأخبار مصر\nرياضة\n"
    doc = cleaned(nav + nav + f"عنوان الخبر\n\n{BODY[0]}\n\n{BODY[0]}")
    assert doc.title == "عنوان الخبر"
    assert "الرئيسية" not in doc.text and "رياضة" not in doc.text
    assert doc.text == BODY[0]


@pytest.mark.parametrize("raw, byline, first", [
    # Assabah, 2019-02-08: «حوار: آسيا العتروس» opened the body of an interview
    ("عنوان الحوار\nحوار: آسيا العتروس\nمالذي يحدث في السودان؟ والى أين يتجه البلد؟", "آسيا العتروس", "مالذي يحدث"),
    ("عنوان\nكتب - محمد علي\nقال الوزير إن الاجتماع كان مثمرا.", "محمد علي", "قال الوزير"),
    ("عنوان\nكتب الوزير في تغريدة أن الاجتماع كان مثمرا.\nوأضاف أنه مستمر.", None, "كتب الوزير"),  # a sentence
])
def test_a_credit_line_opening_the_body_is_the_byline(raw, byline, first):
    doc = cleaned(raw)
    assert doc.byline == byline and doc.text.startswith(first)
