"""ONNX Runtime without its usage telemetry.

Importing ``onnxruntime`` starts Microsoft's 1DS telemetry client, which writes a
device id and a queue of events under ``$XDG_CACHE_HOME/Microsoft/DeveloperTools``
(``~/.cache`` by default) before any call could switch it off. ``onnxruntime()``
imports the module with ``XDG_CACHE_HOME`` pointed at a private temporary folder,
removes that folder, restores the variable, and calls
``disable_telemetry_events()``, so nothing about the machine is kept or sent.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading

_LOCK = threading.Lock()


def onnxruntime():
    """The ``onnxruntime`` module, imported with its telemetry off and nothing left on disk."""
    with _LOCK:
        if "onnxruntime" in sys.modules:
            module = sys.modules["onnxruntime"]
        else:
            scratch = tempfile.mkdtemp(prefix="factcheck-ort-")
            before = os.environ.get("XDG_CACHE_HOME")
            os.environ["XDG_CACHE_HOME"] = scratch
            try:
                import onnxruntime as module
            finally:
                if before is None:
                    os.environ.pop("XDG_CACHE_HOME", None)
                else:
                    os.environ["XDG_CACHE_HOME"] = before
                shutil.rmtree(scratch, ignore_errors=True)
        module.disable_telemetry_events()
        return module
