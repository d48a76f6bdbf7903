"""Server processes take their start-up heap out of garbage collection and collect young objects less often."""

from __future__ import annotations

import gc

from correspondence.kit.garbage_collector import YOUNG_GENERATION_THRESHOLD, settle_after_startup


def test_startup_heap_is_frozen_and_young_generation_enlarged() -> None:
    threshold = gc.get_threshold()
    try:
        settle_after_startup()
        assert gc.get_freeze_count() > 10_000  # the modules imported by this test process, at least
        assert gc.get_threshold() == (YOUNG_GENERATION_THRESHOLD, threshold[1], threshold[2])
        assert gc.get_count()[0] < 100  # the collection before freezing left little in the young generation
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
