"""ONNX Runtime is imported with its telemetry off and leaves no device id in the user's cache."""

import os
import subprocess
import sys


def test_a_scan_leaves_no_onnxruntime_device_id_in_the_cache(tmp_path, exported_models):
    home = tmp_path / "home"
    xdg = tmp_path / "xdg"
    home.mkdir()
    xdg.mkdir()
    code = (
        "from factcheck.model.embed import Embedder\n"
        "from pathlib import Path\n"
        f"e = Embedder(cache_dir=Path({str(exported_models.parent)!r}))\n"
        f"print(e.encode(['A sentence never encoded before: {tmp_path}']).shape)\n"
        "e.close()\n"
    )
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(xdg), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    left = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")]
    assert not [p for p in left if "Microsoft" in p or "deviceid" in p], left
