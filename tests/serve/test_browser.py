"""The page in a real browser: Playwright for Python drives Debian's chromium (never `playwright install`) against
`marsad serve` on 127.0.0.1 over the small store of conftest.py. Screenshots go to $MARSAD_SCREENSHOTS, or the test's
own folder."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import served

playwright = pytest.importorskip("playwright.sync_api", reason="the test extra installs playwright")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("no chromium (.ci/run installs Debian's chromium and fonts-noto-core)", allow_module_level=True)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(db):
    with served(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    tab = context.new_page()
    tab.dialogs, tab.console = [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("console", lambda m: tab.console.append(m.text))
    yield tab
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("MARSAD_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_open_an_article_and_an_entity_as_a_reader_would(server, page, shots):
    page.goto(server + "/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    for _ in range(5):  # (by keyboard: the skip link, the name, then the search box)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "top-q":
            break
    assert page.evaluate("document.activeElement.id") == "top-q"
    page.keyboard.type("أوباما")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hit mark")
    assert "أوباما" in page.locator(".hit mark").first.inner_text()
    page.screenshot(path=str(shots / "search.png"))

    page.locator(".hit h3 a", has_text="عنوان").first.click()
    page.wait_for_selector("#text")
    text = page.locator("#text").inner_text()
    assert "<script>alert(1)</script><img src=x onerror=alert(1)>" in text  # (shown as the words it is)
    assert page.locator("#text a.ent-PERSON").count() >= 3
    speaker = page.locator("#text .speaker-tag").first.inner_text()
    assert "أوباما" in speaker
    assert page.locator("#text span.quote").count() >= 2 and page.locator("#text mark.trigger").count() >= 1
    page.screenshot(path=str(shots / "article.png"))

    page.locator("#text a.ent-PERSON", has_text="أوباما").first.click()
    page.wait_for_selector("#network[data-drawn]")
    assert int(page.locator("#network").get_attribute("data-drawn")) >= 3
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("h1").inner_text().startswith("باراك أوباما")
    page.screenshot(path=str(shots / "entity.png"))

    page.goto(server + "/events")
    page.wait_for_selector("svg.map")
    assert page.locator("table.timeline tbody tr").count() >= 1
    page.screenshot(path=str(shots / "events.png"))
    assert page.dialogs == []
    assert not [m for m in page.console if "Content Security Policy" in m or "Refused" in m], page.console


def test_hostile_markup_opens_no_dialog_in_any_view(server, page):
    page.goto(server + "/search?q=" + "عنوان")
    page.locator(".hit h3 a", has_text="عنوان").first.click()
    page.wait_for_selector("#text")
    for path in ("/", "/search?q=alert", "/events"):
        page.goto(server + path)
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.evaluate("document.querySelectorAll('#text img, .hit img').length") == 0


def test_a_phone_width_reads_without_sideways_scrolling(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    for path in ("/", "/search?q=الاتفاق", "/events"):
        tab.goto(server + path)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    context.close()


def test_the_next_page_of_results_is_appended_in_place(server, page):
    page.goto(server + "/search?q=في")
    before = page.locator(".hit").count()
    page.locator(".more a").click()
    page.locator(".hit").nth(before).wait_for()  # (wait_for_function would need eval, which the CSP refuses)
    assert page.url.endswith("q=%D9%81%D9%8A") or "cursor" not in page.url  # (the address stays the search's)
