import pytest

from marsad.text.outlets import outlet_name


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
