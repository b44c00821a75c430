"""factcheck: claim-level fact-check and discrepancy detector for news editors."""

from importlib import metadata

try:
    # The installed distribution's version, the one `factcheck --version` prints: pyproject.toml states it once.
    __version__ = metadata.version("factcheck")
except metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
