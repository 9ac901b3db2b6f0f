"""The HTML view in a real headless Chromium (Debian's chromium, driven by Playwright): open
outputs/graph.html from disk, search a name, click its node, read the evidence, take a screenshot."""
from __future__ import annotations

import shutil

import pytest

from newsgraph.run import Settings, run

from .conftest import ROOT

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "install Debian's chromium (apt-get install chromium), see README"
    return found


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    run(Settings(corpus=ROOT / "corpus", out=out))
    return out / "graph.html"


def test_search_click_and_read_the_evidence(page_file, tmp_path):
    from playwright.sync_api import sync_playwright
    requests = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        assert "entities" in page.inner_text("#count")
        page.fill("#search", "nankai")
        assert page.locator(".node.hit").count() == 1
        assert page.locator(".node.dim").count() > 10
        page.fill("#search", "")
        page.locator('.node[data-id="person/zhang-yiming"] circle').click()
        facts = page.inner_text("#facts")
        assert facts.startswith("Zhang Yiming")
        assert "Zhang Yiming —founded→ ByteDance" in facts
        assert "who founded ByteDance in 2012" in facts  # an evidence sentence
        shot = tmp_path / "graph.png"
        page.screenshot(path=str(shot))
        browser.close()
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []  # it works offline


def test_injected_markup_in_names_never_runs(tmp_path):
    from playwright.sync_api import sync_playwright
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text('Maria Lopez founded Brightpath Labs</script><script>window.pwned=1</script> '
                                  'and "Quill<img src=x onerror=window.pwned=2>" in 2010.\n', encoding="utf-8")
    run(Settings(corpus=corpus, out=tmp_path / "out"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=FLAGS)
        page = browser.new_page()
        page.goto((tmp_path / "out" / "graph.html").as_uri())
        page.fill("#search", "maria")
        assert page.evaluate("window.pwned === undefined")
        assert "Maria Lopez" in page.inner_text("#facts")
        browser.close()
