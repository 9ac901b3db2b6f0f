"""The HTML view in a real headless Chromium (Debian's chromium, driven by Playwright): open
graph.html from disk as a user does, search, filter, focus, move the time slider, read the
evidence; nothing leaves the page and names with markup stay text.

Set NEWSGRAPH_SCREENSHOTS=DIR to keep the screenshot of a focused entity (README's docs/view.png)."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from newsgraph.run import Settings, run

from .conftest import ROOT

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "install Debian's chromium (apt-get install chromium), see README"
    return found


class View:
    """One page of graph.html, with what the tests ask of it."""

    def __init__(self, page):
        self.page, self.errors, self.requests = page, [], []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: Path) -> "View":
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.newsgraph !== undefined")
        self.frame()
        return self

    def frame(self) -> None:
        self.page.evaluate(FRAME)

    def node_id(self, label: str) -> str:
        return self.page.evaluate("label => window.newsgraph.graph.findNode((id, a) => a.label === label)", label)

    def shown(self, node: str) -> bool:
        return not self.page.evaluate("id => Boolean(window.newsgraph.renderer.getNodeDisplayData(id).hidden)", node)

    def shown_facts(self) -> set[str]:
        return set(self.page.evaluate("""() => { const v = window.newsgraph, out = [];
            v.graph.forEachEdge((k, a, s, t) => { if (!v.renderer.getEdgeDisplayData(k).hidden)
              out.push(`${v.graph.getNodeAttribute(s, 'label')} ${a.relation} ${v.graph.getNodeAttribute(t, 'label')}`); });
            return out; }"""))

    def labels_apart(self) -> int:
        """How many labels the last frame drew, after checking that no two overlap."""
        boxes = self.page.evaluate("() => window.newsgraph.labels()")
        assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                       for i, a in enumerate(boxes) for b in boxes[i + 1:])
        return len(boxes)

    def click_node(self, node: str) -> None:
        at = self.page.evaluate("id => { const v = window.newsgraph; return v.renderer.graphToViewport("
                                "v.graph.getNodeAttributes(id)); }", node)
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
        self.frame()

    def screenshot(self, tmp_path: Path, name: str, keep: bool = False) -> None:
        shot = tmp_path / name
        self.page.screenshot(path=str(shot))
        assert shot.read_bytes().startswith(b"\x89PNG")
        keep = keep and os.environ.get("NEWSGRAPH_SCREENSHOTS")
        if keep:
            shutil.copy(shot, Path(keep) / name)

    def clean(self) -> None:
        assert self.errors == []
        assert [u for u in self.requests if not u.startswith("file://")] == []  # it works offline


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chrome = p.chromium.launch(executable_path=chromium(), args=FLAGS)
        yield chrome
        chrome.close()


@pytest.fixture
def view(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    yield View(page)
    page.close()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    run(Settings(corpus=ROOT / "corpus", out=out))
    return out / "graph.html"


def test_search_click_and_read_the_evidence(view, seed_page, tmp_path):
    v = view.open(seed_page)
    assert "entities with facts" in v.page.inner_text("#count")
    assert v.labels_apart() == 14  # every entity with facts is named, and no two names overlap
    v.screenshot(tmp_path, "view-open.png")
    v.page.fill("#search", "nankai")
    assert v.page.locator("#results button").all_inner_texts() == ["Nankai University"]
    assert v.page.inner_text("#facts").startswith("Nankai University")
    nankai, zhang = v.node_id("Nankai University"), v.node_id("Zhang Yiming")
    assert v.page.evaluate("id => window.newsgraph.renderer.getNodeDisplayData(id).highlighted", nankai)
    assert v.page.evaluate("id => window.newsgraph.renderer.getNodeDisplayData(id).color", zhang) == "#e3e3e3"
    v.page.fill("#search", "")
    v.frame()
    v.click_node(zhang)  # a real click on the drawn node
    facts = v.page.inner_text("#facts")
    assert facts.startswith("Zhang Yiming")
    assert "Zhang Yiming —founded→ ByteDance" in facts
    assert "who founded ByteDance in 2012" in facts  # an evidence sentence
    assert "role: CEO" in facts  # qualifiers: the role he handed over
    shown = v.shown_facts()  # focus: only his facts are drawn, the others fade
    assert shown and all("Zhang Yiming" in f for f in shown)
    v.screenshot(tmp_path, "view.png", keep=True)
    v.page.wait_for_timeout(400)  # (two clicks within sigma's doubleClickTimeout make a double click)
    v.page.mouse.click(5, 5)  # the background leaves the focus
    v.frame()
    assert len(v.shown_facts()) > len(shown)
    v.clean()


def test_filters_by_type_and_relation(view, seed_page):
    v = view.open(seed_page)
    everything = v.shown_facts()
    assert any(" developed " in f for f in everything) and any(" runs " in f for f in everything)
    v.page.uncheck("#rel-runs")
    v.frame()
    assert v.shown_facts() == {f for f in everything if " runs " not in f}
    v.page.check("#rel-runs")
    v.page.uncheck("#type-Product")
    v.frame()
    products = v.page.evaluate("() => window.newsgraph.graph.filterNodes((id, a) => a.kind === 'Product')")
    assert products and not any(v.shown(p) for p in products)
    assert not any(" developed " in f for f in v.shown_facts())  # a fact needs both its ends
    v.clean()


def test_entities_without_facts_are_hidden_until_asked_for(view, seed_page):
    v = view.open(seed_page)
    lone = v.page.evaluate("() => window.newsgraph.graph.filterNodes((id, a) => a.facts === 0)")
    assert lone and not any(v.shown(n) for n in lone)
    assert v.page.inner_text("#lone-count") == str(len(lone))
    v.page.check("#lone")
    v.frame()
    assert all(v.shown(n) for n in lone)
    v.clean()


def test_the_time_slider_shows_who_held_which_role_at_a_date(view, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Halvex names a new chief\n\nAda Brenner was chief executive of Halvex from 2010 to 2015. "
        "Cara Lund has been chief executive of Halvex since 2016. Halvex was founded by Tomas Varga.\n",
        encoding="utf-8")
    run(Settings(corpus=corpus, out=tmp_path / "out", cache=False))
    v = view.open(tmp_path / "out" / "graph.html")
    ada, cara, tomas = v.node_id("Ada Brenner"), v.node_id("Cara Lund"), v.node_id("Tomas Varga")
    assert v.shown(ada) and v.shown(cara) and v.shown(tomas)
    v.page.check("#time-on")

    def at(year: int) -> str:
        v.page.eval_on_selector("#time", "(s, y) => { s.value = y; s.dispatchEvent(new Event('input')); }", year)
        v.frame()
        return v.page.inner_text("#facts")

    held = at(2012)
    assert held.startswith("At 2012") and "Ada Brenner —runs→ Halvex" in held and "Cara Lund" not in held
    assert v.shown(ada) and not v.shown(cara) and not v.shown(tomas)  # an undated fact has no date
    assert v.shown_facts() == {"Ada Brenner runs Halvex", "Ada Brenner worksFor Halvex"}
    held = at(2016)
    assert "Cara Lund —runs→ Halvex" in held and "Ada Brenner" not in held
    assert v.shown(cara) and not v.shown(ada)
    v.page.uncheck("#time-on")
    v.frame()
    assert v.shown(ada) and v.shown(cara) and v.shown(tomas)
    v.clean()


def test_injected_markup_in_names_never_runs(view, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text('Maria Lopez founded Brightpath Labs</script><script>window.pwned=1</script> '
                                  'and "Quill<img src=x onerror=window.pwned=2>" in 2010.\n', encoding="utf-8")
    run(Settings(corpus=corpus, out=tmp_path / "out"))
    v = view.open(tmp_path / "out" / "graph.html")
    v.page.fill("#search", "maria")
    assert v.page.evaluate("window.pwned === undefined")
    assert "Maria Lopez" in v.page.inner_text("#facts")
    assert v.page.locator("#results img, #facts img, #facts script").count() == 0
    v.clean()


def test_a_large_graph_opens_and_answers(view, tmp_path):
    """A smaller cousin of the benchmark (benchmarks/pictures.py: 5,000 entities, 10,000 facts):
    1,500 entities and 3,000 facts, drawn with the overview's thin lines."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from queries import synthetic_graph

    from newsgraph.view import generate_html
    g, _ = synthetic_graph(500, entities=1500, facts=3000)
    path = tmp_path / "graph.html"
    path.write_bytes(generate_html(g))
    v = view.open(path)
    assert v.page.inner_text("#count").startswith(f"{sum(1 for n in g if g.degree(n)):,} entities with facts, 3,000 facts")
    assert v.labels_apart() >= 10  # the best connected are named, and no two names overlap
    v.page.mouse.move(600, 450)
    v.page.mouse.wheel(0, -600)  # zoomed in, more names, still apart
    v.page.wait_for_timeout(500)
    v.frame()
    assert v.labels_apart() >= 10
    v.page.fill("#search", "name 123")
    assert "Name 123" in v.page.locator("#results button").all_inner_texts()
    v.page.locator("#results button", has_text="Name 123").first.click()  # (the best connected first)
    v.frame()
    assert v.page.evaluate("() => window.newsgraph.state.focus") in \
        v.page.evaluate("() => window.newsgraph.graph.filterNodes((id, a) => a.label.startsWith('Name 123'))")
    v.page.fill("#search", "Name 77")
    v.page.press("#search", "Enter")  # Enter focuses the first match
    v.frame()
    first = v.page.locator("#results button").first.inner_text()
    assert v.page.inner_text("#facts").startswith(first)
    assert v.page.evaluate("() => window.newsgraph.state.focus") == v.node_id(first)
    v.clean()
