"""The import graph's floor: the CLI starts without numpy or the pipeline, and config imports no stage."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"


def test_importing_the_cli_loads_neither_numpy_nor_the_pipeline():
    code = (
        "import sys, factcheck.cli\n"
        "heavy = [m for m in ('numpy', 'scipy', 'torch', 'onnxruntime', 'factcheck.pipeline', 'factcheck.group.cluster',"
        " 'factcheck.model.embed', 'factcheck.checks', 'factcheck.ingest') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_config_imports_no_stage():
    tree = ast.parse((PACKAGE / "config.py").read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1
    }
    assert imported <= {"values", "files"}, imported
