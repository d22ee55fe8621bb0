"""The plugin guide's example is real: it installs as its own distribution and passes its
own tests, run by pytest with Qingdan's fixtures, in a separate process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "qingdan-wells"


@pytest.mark.slow
def test_the_example_plugin_installs_and_passes_its_tests(tmp_path):
    site = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(site),
            str(EXAMPLE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    assert (site / "qingdan_wells-1.0.0.dist-info" / "entry_points.txt").exists()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        env={**os.environ, "PYTHONPATH": str(site)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout


def test_the_guide_shows_the_examples_code():
    """The guide quotes the example's files, so it cannot drift from tested code."""
    guide = (ROOT / "docs" / "plugins.md").read_text("utf-8")
    for path in (
        "qingdan_wells/__init__.py",
        "qingdan_wells/items.py",
        "qingdan_wells/rules.py",
        "tests/test_wells.py",
    ):
        assert f"examples/qingdan-wells/{path}" in guide
        assert (EXAMPLE / path).read_text("utf-8").strip() in guide, f"{path} drifted"
