import pytest

from marsad.text.outlets import outlet_name, title_without_site


@pytest.mark.parametrize("given, url, expected", [
    ("alriyadh", None, "الرياض"),                       # SaudiNewsNet slug
    ("okaz", "http://www.okaz.com.sa/new/x", "عكاظ"),
    ("صدى البلد - Sada Elbalad", None, "صدى البلد"),     # site name with a separator
    ("Asharq Al-Awsat", None, "الشرق الأوسط"),           # English name
    (None, "https://www.youm7.com/story/2023/11/29/1", "اليوم السابع"),
    ("جريدة محلية", None, "جريدة محلية"),                # an unlisted name is kept as given
    ("", None, None),
])
def test_outlet_name_from_slug_site_name_english_name_or_url(given, url, expected):
    assert outlet_name(given, url) == expected


@pytest.mark.parametrize("given, url, expected", [
    # the five outlets the real-page check found wrong or missing
    ("@sputnik_ar", None, "سبوتنيك عربي"),                   # a social handle
    ("https://akhbarelyom.com/", None, "بوابة أخبار اليوم"),  # a URL as the site name
    ("شركة قنوات البث الأردنية", None, "المدينة نيوز"),       # the owning company (Al-Madina News)
    ("CNNArabic", None, "سي إن إن بالعربية"),                 # Latin script, run together
    (None, "https://www.beirutobserver.com/2020/05/x", "بيروت أوبزرفر"),
    ("قناة صدى البلد", None, "صدى البلد"),                    # a prefix word before the outlet's own name
    ("@someone_unknown", None, None),                         # an unlisted handle names no outlet
    ("https://www.example-news.net/a/b", None, "example-news.net"),  # an unlisted URL: its domain
    ("خبرآنلاین - سایت خبرگزاری خبرآنلاین | Khabaronline News Agency", None, "خبرآنلاین"),  # unlisted: its own name
])
def test_outlet_name_from_handles_urls_companies_and_latin_names(given, url, expected):
    assert outlet_name(given, url) == expected


@pytest.mark.parametrize("title, sitename, url, expected", [
    ("وزير الرى يشهد توقيع عقد دراسة - اليوم السابع", "اليوم السابع", None, "وزير الرى يشهد توقيع عقد دراسة"),
    ("تركى آل الشيخ بعد إصابة يسرا بكورونا: يارب يرفع عنك - قناة صدى البلد", "قناة صدى البلد", None,
     "تركى آل الشيخ بعد إصابة يسرا بكورونا: يارب يرفع عنك"),
    ("المدينة نيوز - الحكومة تقر مشروع قانون الموازنة", None, "https://almadenahnews.com/article/1",
     "الحكومة تقر مشروع قانون الموازنة"),  # the site name first
    ("بريطانيا: أربعة محاور لاستراتيجية جديدة", "الشرق الأوسط", None, "بريطانيا: أربعة محاور لاستراتيجية جديدة"),
    ("أمطار غزيرة في جدة - المملكة", None, None, "أمطار غزيرة في جدة - المملكة"),  # an outlet's name, not this page's
    ("اليوم السابع", "اليوم السابع", None, "اليوم السابع"),  # nothing left but the name: kept
])
def test_a_page_title_without_the_site_name(title, sitename, url, expected):
    assert title_without_site(title, sitename, url) == expected
