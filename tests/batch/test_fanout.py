from __future__ import annotations

from extract.engine.fanout import map_slices


def _squares(values):
    return [v * v for v in values]


def test_forked_slices_give_the_serial_result_in_order():
    items = list(range(5_003))
    assert map_slices(_squares, items, workers=2, min_items=10) == _squares(items)


def test_short_lists_and_one_worker_run_serially():
    assert map_slices(_squares, [1, 2, 3], workers=2) == [1, 4, 9]
    assert map_slices(_squares, list(range(3000)), workers=1) == _squares(list(range(3000)))


def test_a_closure_works_because_nothing_is_pickled_but_results():
    offset = 7
    assert map_slices(lambda xs: [x + offset for x in xs], list(range(100)), workers=2, min_items=1) == [
        x + 7 for x in range(100)
    ]


def test_the_parent_heap_is_unfrozen_after_a_fan_out():
    import gc

    map_slices(_squares, list(range(100)), workers=2, min_items=1)
    assert gc.get_freeze_count() == 0
