"""PETRARCH2's own unit-test suite, coded with its own dictionaries through our CLI
(`kb import` of its actors and agents, `extract --verbs` with its verb dictionary): the share of
its expected (source, target, CAMEO code) codings we reproduce must not fall under the floor
committed in eval/baseline.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SHARED, requires_shared

SCRIPT = SHARED / "eval" / "petrarch_unit.py"
BASELINE = ROOT / "eval" / "baseline.json"


@requires_shared(SCRIPT)
def test_petrarch_unit_suite_reproduced_share_holds(tmp_path: Path) -> None:
    # the script runs `<repo>/.venv/bin/actorgraph`: point it at this interpreter's command
    repo = tmp_path / "repo"
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "actorgraph").symlink_to(Path(sys.executable).parent / "actorgraph")
    out = tmp_path / "conformance.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--repo", str(repo), "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(out.read_text())
    floors = json.loads(BASELINE.read_text())["floors"]["conformance"]
    assert figures["expected_codings"] > 300 and figures["events_with_cameo"] > 0
    assert figures["strict"] >= floors["strict"] and figures["lenient"] >= floors["lenient"], figures
