"""pipeline/view.js, the graph library inlined into graph.html, is exactly what view/build.mjs makes
from the pinned npm packages of view/package-lock.json, and carries their licences."""
from __future__ import annotations

import json
import subprocess

from .conftest import ROOT


def test_view_js_is_the_build_of_the_pinned_libraries(tmp_path):
    assert (ROOT / "view" / "node_modules" / "sigma").is_dir(), \
        "install the view's build dependencies: npm ci --prefix view"
    out = tmp_path / "view.js"
    subprocess.run(["node", str(ROOT / "view" / "build.mjs"), str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (ROOT / "pipeline" / "view.js").read_bytes(), \
        "pipeline/view.js is stale: run node view/build.mjs and commit it"


def test_the_libraries_are_pinned_and_their_licences_travel_with_them():
    wanted = json.loads((ROOT / "view" / "package.json").read_text())["dependencies"]
    assert all(v[0].isdigit() for v in wanted.values())  # exact versions, no ranges
    lock = json.loads((ROOT / "view" / "package-lock.json").read_text())["packages"]
    header = (ROOT / "pipeline" / "view.js").read_text(encoding="utf-8").split("*/", 1)[0]
    for name in ("sigma", "graphology"):
        version = lock[f"node_modules/{name}"]["version"]
        assert version == wanted[name] and f"{name} {version} (MIT)" in header
    assert header.count("Permission is hereby granted") >= 2
