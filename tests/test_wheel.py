"""The release path: sdist and wheel built as a release would, installed non-editable, the seeds scanned.

``python -m build`` makes the sdist and then the wheel from the sdist, so this also
proves the shipped rules survive the sdist (in the repository they sit in the
top-level ``rules/``, reached from the package through the ``factcheck/data/rules``
symlink). The wheel goes into a fresh virtual environment, which borrows this one's
installed libraries through a ``.pth`` line (a plain path: this environment's
editable-install hook is not run there), and scans a copy of the seeds from a folder
outside the repository. Nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    pytest.importorskip("build")
    dist = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("src")
    source = work / "factcheck-src"
    # Build from a clean copy so the checkout's own build/ and egg-info never leak in.
    shutil.copytree(
        ROOT,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "reports"
        ),
    )
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("factcheck-*.whl"))
    env_dir = tmp_path_factory.mktemp("venv") / "fresh"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "zz-borrowed-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env_dir


def test_the_wheel_carries_the_rules_and_installs_non_editable(installed):
    python = installed / "bin" / "python"
    out = subprocess.run(
        [str(python), "-c", "import factcheck.rules as r; print(r.__file__); print(r.default_rules_dir())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=installed,
    ).stdout.split()
    assert all(Path(p).is_relative_to(installed) for p in out), out
    assert sorted(p.name for p in Path(out[1]).glob("*.yaml")) == sorted(
        p.name for p in (ROOT / "rules").glob("*.yaml")
    )


def test_the_installed_wheel_scans_the_seeds_from_outside_the_repository(installed, tmp_path, cache_dir):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    result = subprocess.run(
        [
            str(installed / "bin" / "factcheck"),
            "scan",
            "seeds",
            "--fail-on",
            "never",
            "--cache-dir",
            str(cache_dir),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert result.returncode == 0, result.stderr
    # The same scan from this checkout (editable install): the wheel changes nothing in the report.
    here = subprocess.run(
        [
            str(Path(sys.executable).parent / "factcheck"),
            "scan",
            "seeds",
            "--fail-on",
            "never",
            "--cache-dir",
            str(cache_dir),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert here.returncode == 0, here.stderr
    assert result.stdout == here.stdout and result.stdout.startswith("# factcheck report")
