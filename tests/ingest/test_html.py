"""HTML pages through trafilatura: body, title, date, outlet; bad pages give records, not crashes."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.document import Source
from marsad.ingest.published import normalise_dates, page_date
from marsad.ingest.html import read_html
from marsad.text.clean import clean
from marsad.text.outlets import outlet_name

FIXTURE = Path(__file__).parents[1] / "fixtures" / "ingest-sada-elbalad-page.html"


def test_html_arabic_article_body_title_outlet_date(read_one):
    doc = read_one(FIXTURE)
    assert doc.source.format == "html" and doc.source.url == "https://www.elbalad.news/6034588"
    assert doc.raw.startswith("التقى الرئيس الروسي فلاديمير بوتين بالجنرال تشانج يوشيا")
    assert "وكالة “أسوشيتد برس” الأمريكية." in doc.raw
    assert doc.raw.rstrip().endswith("عامل جاد في استقرار الوضع الدولي”.")
    for junk in ("أخبار مصر", "جميع الحقوق محفوظة", "سعر الذهب", "شارك على فيسبوك"):
        assert junk not in doc.raw
    assert doc.title == "الفضاء والأسلحة الجديدة.. تعاون صيني روسي في ظل التوترات مع الولايات المتحدة والناتو"
    assert doc.outlet == "صدى البلد"
    assert doc.published == "2023-11-29"  # «٢٩ تشرين الثاني ٢٠٢٣»: Eastern digits, Levantine month
    assert doc.warnings == [] and not doc.failed


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        b"<ul><li><a href='/1'>Gold prices today</a></li></ul><footer>(c) 2023</footer></body></html>",
        "<html><body><nav><a href='/'>الرئيسية</a> <a href='/a'>سياسة</a></nav></body></html>".encode(),
        b"<html><body></body></html>",
        b"<<<>>>",
    ],
    ids=["english-menu", "arabic-menu", "empty-body", "garbage"],
)
def test_html_page_without_article_warns_no_article_text_found(tmp_path, read_one, page):
    path = tmp_path / "page.html"
    path.write_bytes(page)
    doc = read_one(path)
    assert doc.raw == "" and "no article text found" in doc.warnings and not doc.failed


@pytest.mark.parametrize(
    "page, body",
    [
        ("<html><body><div><p>قال الوزير <b>إن الاجتماع <table><tr><td>مهم</p></div".encode(), "قال الوزير إن الاجتماع مهم"),
        ("<?xml version='1.0' encoding='utf-8'?><html><body><article><p>قال الوزير</p></article></body></html>".encode(), "قال الوزير"),
        ("<html><body><article><p>قال\x00 الوزير</p></article>".encode(), "قال\ufffd الوزير"),
        ("<html><body><p>قال الوزير</p></body></html>".encode("utf-16"), "قال الوزير"),
        (b"<html>" + b"<div>" * 5000 + "<p>قال الوزير</p>".encode(), "قال الوزير"),  # deeper than lxml goes: recovered
    ],
    ids=["unclosed", "xml-declaration", "nul", "utf-16", "deep-nesting"],
)
def test_html_broken_markup_does_not_crash(tmp_path, read_one, page, body):
    path = tmp_path / "broken.htm"
    path.write_bytes(page)
    doc = read_one(path)
    assert doc.source.format == "html" and not doc.failed
    assert doc.raw == body


def test_html_windows_1256_page_by_meta_charset(tmp_path, read_one):
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><article><p>قال وزير الخارجية السعودي إن المحادثات كانت مثمرة وبناءة.</p></article></body></html>'
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1256"))
    doc = read_one(path)
    assert "قال وزير الخارجية السعودي" in doc.raw and not doc.failed


def test_html_binary_named_html_is_a_failure(tmp_path, read_one):
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    doc = read_one(path)
    assert doc.failed and doc.raw == ""


@pytest.mark.parametrize(
    "written, expected",
    [
        ("١٥ أيلول ٢٠٢٤", "2024-09-15"),
        ("الأحد 3 كانون الثاني 2021", "2021-01-03"),
        ("15 إبريل 2021", "2021-04-15"),
        ("١ آذار/مارس ٢٠٢٢", "2022-03-01"),
        ("مارس 2023", None),  # a month is not a publication day
    ],
)
def test_page_date_reads_arabic_months_and_digits(written, expected):
    page = f"<html><body><article><p class='date'>{written}</p><p>نص</p></article></body></html>"
    assert page_date(page) == expected


def test_normalise_dates_touches_only_the_copy_for_dates():
    assert normalise_dates("في ٢٩ تشرين الثاني ٢٠٢٣ قال") == "في 29 November 2023 قال"


@pytest.mark.parametrize(
    "sitename, url, expected",
    [
        ("صدى البلد", None, "صدى البلد"),
        ("Sada El Balad", None, "صدى البلد"),
        ("بوابة الأهرام | الصفحة الرئيسية", None, "الأهرام"),
        (None, "https://www.youm7.com/story/2023/11/29/1", "اليوم السابع"),
        ("Unknown Gazette", "https://example.org/a", "Unknown Gazette"),
        (None, None, None),
    ],
)
def test_outlet_name_prefers_outlet_list_then_site_name(sitename, url, expected):
    assert outlet_name(sitename, url) == expected


def test_read_html_keeps_a_given_url():
    doc = read_html(FIXTURE.read_bytes(), Source(format="warc", url="https://elbalad.news/x"))
    assert doc.source.url == "https://elbalad.news/x"


@pytest.mark.parametrize("depth", [300, 3000])
def test_a_body_nested_deeper_than_the_parser_limit_is_recovered(depth):
    # HTML nested 300 deep or more lost its whole body as "no article text found", with exit 0
    paragraph = "<p>قال وزير الخارجية إن المحادثات كانت مثمرة وبناءة، وإن الطرفين اتفقا على مواصلة الحوار.</p>"
    page = ("<html><head><title>عنوان الخبر</title></head><body>" + "<div>" * depth + "<article>" + paragraph
            + "<p>وأضاف أن الجولة المقبلة ستعقد في القاهرة بحضور الوفود كلها.</p></article>" + "</div>" * depth
            + "</body></html>")
    doc = read_html(page.encode(), Source(format="html"))
    assert doc.raw.startswith("قال وزير الخارجية") and doc.raw.endswith("بحضور الوفود كلها.")
    assert doc.warnings == []


def test_a_site_name_before_the_title_and_the_title_repeated_as_the_first_paragraph():
    # Al-Madina News: «المدينة نيوز - …» in <title> (trafilatura keeps its first part, the site's name), the owning
    # company as og:site_name, and the title again as the body's first paragraph
    page = """<html><head><title>المدينة نيوز - الحكومة تقر مشروع قانون الموازنة العامة</title>
    <meta property="og:site_name" content="شركة قنوات البث الأردنية"></head><body><article>
    <p>الحكومة تقر مشروع قانون الموازنة العامة</p>
    <p>أقر مجلس الوزراء في جلسته التي عقدها اليوم مشروع قانون الموازنة العامة للسنة المالية المقبلة، وقرر إحالته
    إلى مجلس النواب.</p><p>وقال وزير المالية إن الموازنة تراعي الظروف الاقتصادية التي تمر بها المملكة.</p>
    </article></body></html>"""
    doc = clean(read_html(page.encode(), Source(format="html", url="https://almadenahnews.com/article/1")))
    assert (doc.title, doc.outlet) == ("الحكومة تقر مشروع قانون الموازنة العامة", "المدينة نيوز")
    assert doc.text.startswith("أقر مجلس الوزراء")


def test_a_lead_paragraph_outside_the_article_block_is_kept():
    # Sputnik Arabic: the lead «أعلنت وزارة الصحة والسكان المصرية …» sits above the article's text block, and
    # was lost; the page's description is that lead
    lead = "أعلنت وزارة الصحة والسكان المصرية، اليوم الأحد، تسجيل حالات جديدة ثبتت إيجابية تحاليلها معمليا للفيروس."
    page = f"""<html><head><title>الصحة المصرية تعلن حصيلة جديدة</title>
    <meta name="description" content="{lead}"></head><body>
    <div class="article__header"><h1>الصحة المصرية تعلن حصيلة جديدة</h1><div class="article__announce-text">{lead}</div></div>
    <div class="article__body"><article><p>وقال المتحدث الرسمي باسم الوزارة إن جميع الحالات المسجلة إيجابية للفيروس
    خضعت للعزل، وإن فرق الترصد تتابع المخالطين في المحافظات كلها.</p><p>وأضاف أن الوزارة رفعت درجة الاستعداد في
    المستشفيات، وأن عدد الحالات التي تحولت نتائج تحاليلها من إيجابية إلى سلبية ارتفع.</p></article></div>
    </body></html>"""
    doc = read_html(page.encode(), Source(format="html"))
    assert doc.raw.startswith(lead) and doc.raw.count(lead) == 1 and doc.raw.rstrip().endswith("ارتفع.")
    no_lead_shown = page.replace(f'<div class="article__announce-text">{lead}</div>', "")
    assert not read_html(no_lead_shown.encode(), Source(format="html")).raw.startswith(lead)  # a description only


def test_a_site_name_given_as_a_meta_name_is_read():
    # Beirut Observer: the outlet was null, its og:site_name given as <meta name=…>, which trafilatura skips
    page = """<html><head><meta name="og:site_name" content="Beirut Observer"><title>عنوان الخبر</title></head>
    <body><article><p>قال وزير الخارجية إن المحادثات كانت مثمرة وبناءة، وإن الطرفين اتفقا على مواصلة الحوار.</p>
    <p>وأضاف أن الجولة المقبلة ستعقد في بيروت بحضور الوفود كلها.</p></article></body></html>"""
    assert read_html(page.encode(), Source(format="html")).outlet == "بيروت أوبزرفر"
