"""Real news pages (../shared/examples/pages: saved by other extraction projects) through the whole pipeline:
title, outlet, date, the body's first and last sentences, and the boilerplate gone."""
from __future__ import annotations

import pytest

from marsad import load_pipeline, to_record
from marsad.config import EntityConfig, PipelineConfig, TaggerKind
from marsad.ingest import read_inputs

from ..conftest import SHARED

PAGES = SHARED / "examples/pages"

# page, title, outlet, published, byline, first sentence starts, last sentence ends, words that must be gone
EXPECTED = [
    ("assabah-sudan-interview.html",
     "الناشط الحقوقي السوداني خالد عبد الكريم ماسا لـ«الصباح»: كل الشروط متوفرة لثورة سودانية ولا حاجة لنستورد شيئا",
     "الصباح التونسية", "2019-02-08", "آسيا العتروس", "مالذي يحدث في السودان؟",
     "والدفع الى اعادة التفكير في العلاقة بين الخرطوم وتل ابيب.", ["حوار: آسيا العتروس"]),
    ("cnnarabic-syria-rockets.html", "معارضون يسيطرون على مخازن للصواريخ بريف دمشق", "سي إن إن بالعربية", "2013-08-03",
     None, "دمشق، سوريا (CNN) -- أكدت جهات سورية معارضة",
     "مقدمة لولادة حكومة تدير المناطق التي يقطنها الأكراد في سوريا بشكل مستقل.",
     ["ترحب شبكة CNN بالنقاش", "الآراء الواردة أدناه لا تعبر عن رأي"]),  # the comment-policy footer
    ("sadaelbalad-yousra.html", "تركى آل الشيخ بعد إصابة يسرا بكورونا: يارب يرفع عنك", "صدى البلد", "2020-12-25",
     "ضحى عرفة", "انتشر خبر خلال الساعات الأخيرة علي السوشيال ميديا",
     "وتأليف أحمد عادل، وإخراج سامح عبد العزيز.", ["قناة صدى البلد"]),  # «… - قناة صدى البلد» in <title>
    ("youm7-irrigation-minister.html",
     "وزير الرى يشهد توقيع عقد دراسة تحديد السحب الآمن للخزانات الجوفية مع جامعة القاهرة", "اليوم السابع", "2020-08-24",
     None, "شهد الدكتور محمد عبد العاطي وزير الموارد المائية والرى",
     "كما أكد عبد العاطي علي ضرورة بذل المزيد من الجهد بالمرحلة الثانية للدراسة.", ["اليوم السابع"]),
]


@pytest.fixture(scope="module")
def records():
    pipeline = load_pipeline(PipelineConfig(entities=EntityConfig(tagger=TaggerKind.crf)))
    docs = pipeline.run(read_inputs([str(PAGES / page) for page, *_ in EXPECTED]))
    return {d.source.path.rsplit("/", 1)[-1]: to_record(d) for d in docs}


@pytest.mark.parametrize("page, title, outlet, published, byline, first, last, gone", EXPECTED,
                         ids=[e[0].split("-")[0] for e in EXPECTED])
def test_a_real_page_gives_its_metadata_and_its_body(records, page, title, outlet, published, byline, first, last, gone):
    r = records[page]
    assert (r["title"], r["outlet"], r["published"], r["byline"]) == (title, outlet, published, byline)
    sentences = [r["text"][s["start"]:s["end"]] for s in r["sentences"]]
    assert sentences[0].startswith(first) and sentences[-1].endswith(last)
    assert all(g not in r["text"] for g in gone)
    assert r["language"] == "ar" and r["entities"] and r["warnings"] == []


def test_the_persian_page_gets_its_metadata_a_warning_and_no_entities():
    [doc] = list(load_pipeline(PipelineConfig(entities=EntityConfig(tagger=TaggerKind.crf))).run(
        read_inputs([str(PAGES / "khabaronline-persian.html")])))
    assert doc.title == "تحلیل روزنامه اصولگرا از دعوت اصلاح طلبان به حضور مردم در انتخابات"
    assert doc.outlet == "خبرآنلاین"  # the site name «خبرآنلاین - سایت خبرگزاری خبرآنلاین | Khabaronline …» cut to its own
    assert doc.published == "2020-02-18" and doc.language == "fa" and doc.entities == []
