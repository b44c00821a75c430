"""factcheck: claim-level fact-check and discrepancy detector for news editors."""

__version__ = "0.1.0"
