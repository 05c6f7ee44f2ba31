"""A real browser against the real server (issue #7): Selenium driving the system Chromium
(Debian packages `chromium` and `chromium-driver`). It types a search without diacritics,
opens the decree, sees its implementation chain drawn, asks the drafting assistant, and
checks seed 000's citations. Screenshots of each page go to test-artifacts/screenshots/.

Skips when Chromium or Selenium is missing on a developer machine; fails in CI (`CI` set).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SEED_PLAN, cancu_serve, need_shared

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CANCU_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CANCU_CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = REPO / "test-artifacts" / "screenshots"
WAIT_S = 30


def _require_browser() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install selenium)")
    if missing:
        message = f"browser test needs {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must install chromium and chromium-driver)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`cancu serve` on a free port over a fresh default KB; yields its base URL."""
    _require_browser()
    kb_dir = tmp_path_factory.mktemp("browser-kb")
    log = kb_dir.parent / "browser-serve.log"
    with cancu_serve(kb_dir, log) as url:
        yield url


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="cancu-chromium-")
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=vi-VN", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: Any, condition: Callable[[Any], Any], what: str) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # Live pages re-render lists while we look at them: a stale element means "look again".
    return WebDriverWait(driver, WAIT_S, poll_frequency=0.2,
                         ignored_exceptions=(StaleElementReferenceException,)).until(condition, message=what)


def shoot(driver: Any, name: str, full: bool = True) -> Path:
    """Save a screenshot of the whole page (the window grown to the page's height)."""
    path = SHOTS / f"{name}.png"
    driver.execute_script("window.scrollTo(0, 0)")
    if full:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, max(900, min(int(height) + 40, 4000)))
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 900)
    return path


def no_console_errors(driver: Any) -> None:
    """No script errors and no Content-Security-Policy violations in the console."""
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"
              and "favicon" not in e["message"]]
    assert not severe, severe


def test_search_open_chain_and_draft(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    # 1. Search as you type, without diacritics.
    d.get(site + "/")
    box = d.find_element(By.ID, "q")
    box.send_keys("nghi dinh mot cua")
    first = wait_for(d, lambda dr: (lambda els: els[0] if els and els[0].text == "61/2018/NĐ-CP" else None)(
        dr.find_elements(By.CSS_SELECTOR, "#results .result .sym")), "61/2018/NĐ-CP first")
    assert d.find_elements(By.CSS_SELECTOR, "#results mark"), "snippets are highlighted"
    assert d.find_elements(By.CSS_SELECTOR, "#facets .facet"), "facets are shown"
    assert "q=nghi+dinh+mot+cua" in d.current_url
    shoot(d, "01-search")
    no_console_errors(d)

    # 2. Open the decree.
    first.click()
    wait_for(d, lambda dr: "/doc/cp/2018/nd/61" in dr.current_url, "document page")
    page = d.find_element(By.TAG_NAME, "main").text
    for label in ("Số ký hiệu", "Cơ quan ban hành", "Ngày ban hành", "Tình trạng", "Nguồn"):
        assert label in page
    assert "Văn bản thực hiện" in page or "Văn bản hướng dẫn" in page
    assert d.find_element(By.ID, "citation-text").text.startswith("Nghị định số 61/2018/NĐ-CP")
    shoot(d, "02-document")
    no_console_errors(d)

    # 3. Its implementation chain, drawn.
    d.find_element(By.PARTIAL_LINK_TEXT, "Chuỗi thực hiện").click()
    wait_for(d, lambda dr: dr.execute_script(
        "return !!(window.cancuCy && window.cancuCy.nodes().length > 0)"), "chain graph drawn")
    nodes = d.execute_script("return window.cancuCy.nodes().length")
    edges = d.execute_script("return window.cancuCy.edges().length")
    assert nodes > 1 and edges > 0
    assert d.find_elements(By.CSS_SELECTOR, "#cy canvas"), "cytoscape draws on a canvas"
    tree = d.find_element(By.ID, "chain-tree").text
    assert "Quảng Ngãi" in tree, tree
    assert "01/2018/TT-VPCP" in tree
    shoot(d, "03-chain")
    no_console_errors(d)

    # Clicking a node opens it.
    target = d.execute_script(
        "var n = window.cancuCy.nodes().filter(function (x) { return x.id() === 'vpcp/2018/tt/1'; });"
        "if (!n.length) return null; n.emit('tap'); return n.id();")
    if target:
        wait_for(d, lambda dr: "/doc/vpcp/2018/tt/1" in dr.current_url, "node click opens the document")

    # 4. Drafting assistant: suggestions while typing, "Thêm" builds the căn cứ block.
    d.get(site + "/draft")
    task = d.find_element(By.ID, "task")
    task.send_keys("Triển khai cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính")
    wait_for(d, lambda dr: len(dr.find_elements(By.CSS_SELECTOR, "#suggestions .suggestion")) > 0,
             "suggestions")
    suggestions = d.find_elements(By.CSS_SELECTOR, "#suggestions .suggestion")
    assert any("61/2018/NĐ-CP" in s.text for s in suggestions)
    assert d.find_elements(By.CSS_SELECTOR, "#suggestions ul.reasons li"), "reasons are shown"
    # Each "Thêm" re-asks for suggestions (what is cited changes them): find the next
    # button afresh after every click.
    ids = [s.get_attribute("data-id") for s in suggestions[:2]]
    for doc_id in ids:
        wait_for(d, lambda dr, i=doc_id: dr.find_element(
            By.CSS_SELECTOR, f'#suggestions .suggestion[data-id="{i}"] > .top-line button'), "add button")
        d.find_element(By.CSS_SELECTOR, f'#suggestions .suggestion[data-id="{doc_id}"] > .top-line button').click()
    wait_for(d, lambda dr: dr.find_element(By.ID, "basis-out").get_attribute("value").count("Căn cứ") == 2,
             "căn cứ block with two lines")
    wait_for(d, lambda dr: dr.find_element(By.ID, "basis-out").get_attribute("value").rstrip().endswith("."),
             "block ends with a full stop")
    lines = d.find_element(By.ID, "basis-out").get_attribute("value").splitlines()
    assert lines[0].startswith("Căn cứ ") and lines[0].endswith(";") and lines[-1].endswith(".")
    shoot(d, "04-draft-suggest")
    # A task naming a document the KB lacks is told so above the list.
    task.clear()
    task.send_keys("Kế hoạch thực hiện Nghị quyết số 57-NQ/TW về chuyển đổi số")
    wait_for(d, lambda dr: any("57-NQ/TW" in n.text for n in dr.find_elements(By.CSS_SELECTOR, "#suggestions .notice")),
             "notice of the named document the KB lacks")

    # 5. Paste seed 000 and check its citations.
    text = need_shared(SEED_PLAN).read_text(encoding="utf-8")
    area = d.find_element(By.ID, "draft-text")
    d.execute_script("arguments[0].value = arguments[1];"
                     "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", area, text)
    d.find_element(By.ID, "lint-run").click()
    wait_for(d, lambda dr: len(dr.find_elements(By.CSS_SELECTOR, "#lint-list > li")) >= 10,
             "citations checked")
    spans = d.find_elements(By.CSS_SELECTOR, "#lint-view a.cit")
    assert len(spans) >= 10
    assert any("151/KH-UBND" in s.text for s in spans)
    assert "trích dẫn đã kiểm tra" in d.find_element(By.ID, "lint-status").text
    d.execute_script("document.getElementById('lint-h').scrollIntoView()")
    shoot(d, "05-draft-lint")
    no_console_errors(d)


@pytest.mark.parametrize("name, path", [
    ("06-overview", "/overview"),
    ("07-gaps", "/gaps?province=" + urllib.parse.quote("Quảng Ngãi")),
    ("08-api", "/api/"),
    ("09-not-found", "/doc/cp/1999/nd/99999"),
    ("10-chain-up", "/chain?id=" + urllib.parse.quote("Kế hoạch 61/KH-UBND 2019") + "&direction=up&depth=3"),
])
def test_other_pages_render(site: str, browser: Any, name: str, path: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get_log("browser")  # forget what earlier pages logged
    browser.get(site + path)
    assert browser.find_element(By.TAG_NAME, "h1").text
    if "chain" in path:
        wait_for(browser, lambda dr: dr.execute_script(
            "return !!(window.cancuCy && window.cancuCy.nodes().length > 1)"), "chain up drawn")
    shoot(browser, name)
    if "99999" not in path:  # the 404 page logs its own status as a console error
        no_console_errors(browser)


def test_mobile_layout(site: str, browser: Any) -> None:
    """The search page at phone width: no horizontal scrolling."""
    browser.set_window_size(390, 844)
    try:
        browser.get(site + "/?q=" + urllib.parse.quote("một cửa"))
        wait = lambda dr: dr.find_elements("css selector", "#results .result")  # noqa: E731
        wait_for(browser, wait, "results on mobile")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        browser.save_screenshot(str(SHOTS / "11-search-mobile.png"))
        assert overflow <= 1, overflow
    finally:
        browser.set_window_size(1280, 900)


def test_document_page_hands_a_basis_to_the_assistant(site: str, browser: Any) -> None:
    """"Dùng làm căn cứ" on a document page opens the assistant with the block started."""
    from selenium.webdriver.common.by import By

    browser.get(site + "/doc/cp/2018/nd/61")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Dùng làm căn cứ").click()
    wait_for(browser, lambda dr: dr.find_element(By.ID, "basis-out").get_attribute("value")
             .startswith("Căn cứ Nghị định số 61/2018/NĐ-CP"), "block started from the document page")
    assert browser.find_element(By.ID, "basis-out").get_attribute("value").endswith(".")


def test_live_results_name_a_local_documents_province(site: str, browser: Any) -> None:
    """Typed results are drawn by the page's script: a local plan shows its province beside
    its issuer, as the server-drawn list does (#6)."""
    from selenium.webdriver.common.by import By

    d = browser
    d.get(site + "/")
    d.find_element(By.ID, "q").send_keys("151/KH-UBND")
    metas = wait_for(d, lambda dr: [e.text for e in dr.find_elements(By.CSS_SELECTOR, "#results .result .meta")
                                    if "Quảng Ngãi" in e.text], "a Quảng Ngãi result")
    assert any("(Quảng Ngãi)" in m for m in metas), metas
    no_console_errors(d)


def test_a_symbol_the_kb_lacks_is_said_with_the_near_symbols(site: str, browser: Any) -> None:
    """"06/QĐ-TTg ngày 06/01/2022" is not in the KB: the page says so and lists the
    decisions numbered 06 of other years, drawn by the server and by the live script."""
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    d = browser
    d.get(site + "/?q=" + quote("06/QĐ-TTg ngày 06/01/2022"))
    box = d.find_element(By.ID, "results-notice")
    assert box.is_displayed() and "không có văn bản" in box.text, box.text
    assert d.find_elements(By.CSS_SELECTOR, "#results-notice ul.near li a")
    q = d.find_element(By.ID, "q")
    q.clear()
    q.send_keys("chuyển đổi số")
    wait_for(d, lambda dr: not dr.find_element(By.ID, "results-notice").is_displayed(), "the notice gone")
    q.clear()
    q.send_keys("06/QĐ-TTg ngày 06/01/2022")
    wait_for(d, lambda dr: "không có văn bản" in dr.find_element(By.ID, "results-notice").text,
             "the notice drawn by the script")
    no_console_errors(d)


def test_the_checker_says_what_it_could_not_check(site: str, browser: Any) -> None:
    """A draft typed without diacritics has its dates unread: the page says so (the API's
    summary), and names no command-line option."""
    from selenium.webdriver.common.by import By

    d = browser
    d.get(site + "/draft")
    area = d.find_element(By.ID, "draft-text")
    text = "Can cu Nghi dinh so 61/2018/ND-CP ngay 23/5/2018 cua Chinh phu ve thuc hien co che mot cua;"
    d.execute_script("arguments[0].value = arguments[1];"
                     "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", area, text)
    d.find_element(By.ID, "lint-run").click()
    lines = wait_for(d, lambda dr: [e.text for e in dr.find_elements(By.CSS_SELECTOR, "#lint-summary .lint-context")],
                     "what the check used and skipped")
    shown = " ".join(lines)
    assert "không dấu" in shown and "Ngày của dự thảo" in shown, shown
    assert "--as-of" not in shown and "--province" not in shown, shown
    no_console_errors(d)


def test_the_assistant_reads_a_date_as_typed_and_never_shows_a_stale_answer(site: str, browser: Any) -> None:
    """"15.08.2021" was dropped as unmatched, so the suggestions were today's (a 2025 law for
    a 2021 draft); "31/02/2021" left the last answer on screen under the error."""
    from selenium.webdriver.common.by import By

    d = browser
    d.get(site + "/draft")
    d.find_element(By.ID, "opt-asof").send_keys("15.08.2021")
    d.find_element(By.ID, "task").send_keys("Triển khai cơ chế một cửa tại Trung tâm Phục vụ hành chính công tỉnh")
    wait_for(d, lambda dr: dr.find_elements(By.CSS_SELECTOR, "#suggestions .suggestion"), "suggestions")
    ids = [e.get_attribute("data-id") for e in d.find_elements(By.CSS_SELECTOR, "#suggestions .suggestion")]
    assert "qh/2025/72" not in ids and "qh/2025/65" not in ids, ids  # laws of 2025: not for a 2021 draft
    field = d.find_element(By.ID, "opt-asof")
    field.clear()
    field.send_keys("31/02/2021")
    d.find_element(By.ID, "task").send_keys(" năm 2021")
    wait_for(d, lambda dr: "không tồn tại" in dr.find_element(By.ID, "sg-status").text, "the date's error")
    assert not d.find_elements(By.CSS_SELECTOR, "#suggestions .suggestion")
    # The console holds the API's 400 for the impossible date, and nothing else.
    severe = [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert all("/api/suggest" in m and "400" in m for m in severe), severe


def test_matches_on_common_words_are_shown_last_under_their_own_heading(site: str, browser: Any) -> None:
    """Titles sharing only "tổ chức" with a plan to hold a fishermen's festival are no
    bases found: they come after the others, under "Khớp yếu", never among them."""
    from selenium.webdriver.common.by import By

    d = browser
    d.get(site + "/draft")
    d.find_element(By.ID, "task").send_keys("Kế hoạch tổ chức Lễ hội Cầu Ngư năm 2019")
    wait_for(d, lambda dr: dr.find_elements(By.CSS_SELECTOR, "#suggestions .weak-head"), "the weak matches' heading")
    order = d.execute_script(
        "return Array.from(document.querySelectorAll('#suggestions .weak-head, #suggestions .suggestion'))"
        ".map(function (e) { return e.classList.contains('weak-head') ? 'H'"
        " : (e.classList.contains('weak') ? 'w' : 's'); }).join('');")
    assert order.count("H") == 1 and order.index("H") > 0, order
    assert set(order[:order.index("H")]) == {"s"} and set(order[order.index("H") + 1:]) == {"w"}, order
    assert "Khớp yếu" in d.find_element(By.CSS_SELECTOR, "#suggestions .weak-head").text
    no_console_errors(d)


def test_back_returns_from_a_chosen_facet(site: str, browser: Any) -> None:
    """Choosing a facet is a step: Back returns to the results before it, not off the site."""
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    d = browser
    d.get(site + "/?q=" + quote("công nghệ thông tin"))
    wait_for(d, lambda dr: dr.find_elements(By.CSS_SELECTOR, "#facets a[data-param=type]"), "type facet")
    first = d.find_element(By.CSS_SELECTOR, "#facets a[data-param=type]")
    first.click()
    wait_for(d, lambda dr: "type=" in dr.current_url, "the facet in the address")
    d.back()
    wait_for(d, lambda dr: "type=" not in dr.current_url and "q=" in dr.current_url, "back to the query")
    wait_for(d, lambda dr: not dr.find_elements(By.CSS_SELECTOR, "#active-filters .chip"), "no filter chosen")
    no_console_errors(d)


def test_the_keyboard_stays_where_the_user_was_after_a_facet(site: str, browser: Any) -> None:
    """Enter on a facet redrew the lists and left focus on the page itself: the user had to
    tab from the top again (43 facet links before the first result). Focus stays on that
    facet; a skip link leads to the results."""
    from urllib.parse import quote

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    d = browser
    d.get(site + "/?q=" + quote("công nghệ thông tin"))
    wait_for(d, lambda dr: dr.find_elements(By.CSS_SELECTOR, "#facets a[data-param=type]"), "type facet")
    facet = d.find_element(By.CSS_SELECTOR, "#facets a[data-param=type]")
    param, value = facet.get_attribute("data-param"), facet.get_attribute("data-value")
    facet.send_keys(Keys.ENTER)
    wait_for(d, lambda dr: "type=" in dr.current_url, "the facet chosen")
    focused = wait_for(d, lambda dr: dr.execute_script(
        "var a = document.activeElement; return a && a.getAttribute('data-param') === arguments[0]"
        " && a.getAttribute('data-value') === arguments[1];", param, value), "focus on the chosen facet")
    assert focused
    skip = d.find_element(By.CSS_SELECTOR, ".sr-only-focusable a")
    assert skip.get_attribute("href").endswith("#results")
    no_console_errors(d)
