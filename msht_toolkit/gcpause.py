"""When the garbage collector runs: paused while banks and assessments are read and scored.

Reading a bank or an assessment and scoring it build many small objects that all live
until the command ends (YAML values, the frozen models, the results) and hold no
reference cycles. CPython's cyclic collector starts by allocation counts, so it walks
them again and again while they are being built, finding nothing to free. The loading
and scoring entry points (``yamlio.load_yaml_text``, ``banks.loader.parse_bank``,
``banks.registry.load_bankset``, ``assessment.reading.load_assessment``,
``assessment.check.check_answers``, ``scoring.scorer.score_assessment``) therefore run
with automatic collection off: ``@paused_gc()`` on the function, or ``with paused_gc():`` around a
block. It is switched back on when the outermost of them returns or raises (nested ones
leave it to that one), and never switched on where the caller had it off.

``frozen_gc()`` is for a long run of work done beside data already loaded (``msht
compare`` reading a thousand files with one bank set): everything alive at its start is
left out of collections until it ends, and forked worker processes share those pages.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Automatic garbage collection off inside the block; as it was again after it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def frozen_gc() -> Iterator[None]:
    """Everything alive now is left out of collections inside the block, then put back."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
