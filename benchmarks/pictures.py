"""Benchmark: the pictures at scale. Prints times; asserts nothing.

    python benchmarks/pictures.py [--documents 8000] [--entities 5000] [--facts 10000] [--repeat 3]

Two measurements, on graphs made by ``queries.synthetic_graph`` (invented names, fixed seed):

  * the export stage on the graph a run over DOCUMENTS articles gives: the time of each output
    file (what ``newsgraph run`` spends after extraction), the pictures' share of it;
  * the HTML view of a graph of ENTITIES entities and FACTS facts in headless Chromium (Debian's,
    driven by Playwright, with the flags of tests/test_browser.py): the time from navigation to
    the first frame drawn, and to the frame after a search, a click on an entity, a zoom, a
    move of the time slider and showing the entities without facts. Each is the best of
    --repeat page loads; the page's size is printed too.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from queries import synthetic_graph  # noqa: E402

FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))"
"""Resolves after the next frame has been drawn, with its time."""


def export_times(documents: int) -> None:
    from newsgraph import export
    g, _ = synthetic_graph(documents)
    print(f"export of a {documents:,}-document graph: {len(g):,} entities, {g.number_of_edges():,} facts")
    total = 0.0
    for fmt in export.ALL:
        started = time.perf_counter()
        made, notes = export.files_and_notes(g, (fmt,))
        took = time.perf_counter() - started
        total += took
        size = sum(len(b) for b in made.values())
        print(f"  {fmt:8s} {took:6.2f} s  {size / 1e6:6.2f} MB" + (f"  ({'; '.join(notes)})" if notes else ""))
    print(f"  all      {total:6.2f} s")


def view_times(entities: int, facts: int, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    from newsgraph.view import generate_html
    from tests.test_browser import FLAGS, chromium
    g, _ = synthetic_graph(2000, entities=entities, facts=facts)
    started = time.perf_counter()
    page_bytes = generate_html(g)
    built = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        path.write_bytes(page_bytes)
        print(f"view of {len(g):,} entities, {g.number_of_edges():,} facts: {len(page_bytes) / 1e6:.1f} MB, "
              f"written in {built:.2f} s")
        best: dict[str, float] = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=FLAGS)
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(path.as_uri(), wait_until="commit")
                page.wait_for_function("() => window.newsgraph !== undefined", polling=10)
                times = {"open (first frame)": page.evaluate(FRAME)}

                def after(name, action):
                    started = page.evaluate("() => performance.now()")
                    action()
                    times[name] = page.evaluate(FRAME) - started
                after("search", lambda: page.fill("#search", "name 12"))
                after("clear search", lambda: page.fill("#search", ""))
                node = page.evaluate("() => window.newsgraph.graph.nodes().find(n => window.newsgraph.graph.degree(n) > 3)")
                at = page.evaluate("id => { const v = window.newsgraph; return v.renderer.graphToViewport("
                                   "v.graph.getNodeAttributes(id)); }", node)
                after("click an entity", lambda: page.mouse.click(at["x"], at["y"]))
                page.mouse.move(500, 400)
                after("zoom", lambda: page.mouse.wheel(0, -400))
                after("time slider", lambda: (page.check("#time-on"), page.eval_on_selector(
                    "#time", "s => { s.value = Number(s.min) + 10; s.dispatchEvent(new Event('input')); }")))
                after("entities without facts", lambda: page.check("#lone"))
                for k, v in times.items():
                    best[k] = min(best.get(k, v), v)
                page.close()
            browser.close()
        for k, v in best.items():
            print(f"  {k:24s} {v / 1000:5.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=8000)
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--facts", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    export_times(args.documents)
    view_times(args.entities, args.facts, args.repeat)


if __name__ == "__main__":
    main()
