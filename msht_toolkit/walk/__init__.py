"""The guided walk's domain: walk state, bank-version changes, carrying a year forward.

No terminal I/O here; ``cli/assess.py`` and ``cli/walk_flow.py`` do the asking.
"""
