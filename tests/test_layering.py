"""The import graph's floor: the CLI starts without numpy, the pipeline or the gate; config imports no stage; the
reports and the gate import nothing of each other."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"


def test_importing_the_cli_loads_neither_numpy_nor_the_pipeline():
    code = (
        "import sys, factcheck.cli\n"
        "heavy = [m for m in ('numpy', 'scipy', 'torch', 'onnxruntime', 'factcheck.pipeline', 'factcheck.group.cluster',"
        " 'factcheck.model.embed', 'factcheck.checks', 'factcheck.ingest', 'factcheck.gate', 'factcheck.ruleset')"
        " if m in sys.modules]\n"
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


def _relative_imports(path: Path) -> set[str]:
    """The factcheck modules ``path`` imports, dotted from the package root (``gate.judge``), anywhere in its body."""
    package = path.parent.relative_to(PACKAGE).parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - (node.level - 1)]) + ([node.module] if node.module else [])
            found |= {".".join(base + [a.name]) for a in node.names} if not node.module else {".".join(base)}
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("factcheck.") for a in node.names if a.name.startswith("factcheck.")
            }
    return found


def test_the_reports_and_the_gate_import_neither_the_other():
    """The gate returns findings with their drafts' views; the reports only render them (report/view.py words them)."""
    for folder, other in (("report", "gate"), ("gate", "report")):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            wrong = sorted(m for m in _relative_imports(path) if m == other or m.startswith(other + "."))
            assert wrong == [], (path.name, wrong)
