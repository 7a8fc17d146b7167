"""The environment every benchmark runs `msht` in: like an installed copy.

This machine sets PYTHONDONTWRITEBYTECODE, which would make every start compile
msht_toolkit from source, a cost no installed copy pays (pip compiles it at install).
Byte code is cached in a temporary folder (not the source tree) instead. The user's own
banks and colour settings are left out.
"""

from __future__ import annotations

import os
import tempfile

PYCACHE = tempfile.mkdtemp(prefix="msht-bench-pycache-")


def installed_like_env(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MSHT_BANKS")
    }
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    env["NO_COLOR"] = "1"
    env.update(extra)
    return env
