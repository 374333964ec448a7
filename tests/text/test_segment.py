from marsad.document import Document, Source
from marsad.text.segment import find_tokens, quote_regions, segment


def sentences_of(text: str) -> list[str]:
    doc = segment(Document(Source("text"), text=text))
    return [doc.span_text(s) for s in doc.sentences]


def test_sentences_split_on_arabic_and_latin_punctuation():
    assert sentences_of("قال الوزير ذلك. هل توافق؟ نعم! وانتهى") == [
        "قال الوزير ذلك.", "هل توافق؟", "نعم!", "وانتهى"]


def test_sentences_keep_a_quote_that_runs_across_a_full_stop():
    # From the example article (Sada El Balad, 2023-11-29), with a full stop added inside the quote.
    text = 'وقال الرئيس الروسي: "أقصد الفضاء. وأنواع جديدة محتملة من الأسلحة"، دون أن يوضح. حسبما ذكرت وكالة.'
    assert sentences_of(text) == [
        'وقال الرئيس الروسي: "أقصد الفضاء. وأنواع جديدة محتملة من الأسلحة"، دون أن يوضح.', "حسبما ذكرت وكالة."]


def test_sentences_keep_guillemet_and_mixed_quote_pairs_whole():
    assert len(sentences_of("قال «نحن هنا. ولن نغادر» ثم مضى.")) == 1
    assert len(sentences_of('وأن تعاونهما هو "عامل جاد. في استقرار الوضع الدولي”.')) == 1


def test_sentences_do_not_split_decimals_dates_or_abbreviations():
    assert len(sentences_of("ارتفع المؤشر 3.5 في المائة يوم 29.11.2023 وقال د. أحمد إن U.S. تراجع.")) == 1


def test_sentences_end_at_paragraph_breaks():
    assert sentences_of("العلاقات الروسية الصينية\n\nمنذ اندلاع الحرب") == ["العلاقات الروسية الصينية", "منذ اندلاع الحرب"]


def test_an_unclosed_quote_does_not_swallow_the_paragraph():
    assert len(sentences_of('قال: "بدأ الأمر. ثم انتهى. وعاد')) == 3


def test_quote_regions_pair_mixed_marks():
    text = 'أن "روسيا والصين" و“أسوشيتد برس” و«الناتو»'
    assert [text[a:b] for a, b in quote_regions(text, 0, len(text))] == ['"روسيا والصين"', "“أسوشيتد برس”", "«الناتو»"]


def test_tokens_carry_offsets_and_clitic_aware_forms():
    text = "وأضاف بوتين لتشانج، والصين ٢٠٢٣ أحمــد"
    tokens = find_tokens(text)
    assert [text[t.start:t.end] for t in tokens] == ["وأضاف", "بوتين", "لتشانج", "،", "والصين", "٢٠٢٣", "أحمــد"]
    by_text = {text[t.start:t.end]: t for t in tokens}
    assert (by_text["والصين"].prefix, by_text["والصين"].stem) == ("و", "الصين")
    assert (by_text["بوتين"].prefix, by_text["بوتين"].stem) == ("", "بوتين")
    assert by_text["٢٠٢٣"].norm == "2023"
    assert by_text["أحمــد"].norm == "احمد"


def test_tokens_keep_diacritics_inside_the_word():
    text = "مُحَمَّدٌ"
    assert [(t.start, t.end) for t in find_tokens(text)] == [(0, len(text))]
