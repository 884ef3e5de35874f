"""The soak's compressed clock and the scaled lease-renewal wait."""

import threading
import time

import pytest

from bench.soakbench import clock
from bench.soakbench.apps import ScaledWait


def test_simulated_time_runs_speed_times_faster_from_its_start():
    start = time.time()
    compressed = clock.parse(f"{start},1000000.0,60")

    elapsed = compressed.time() - 1_000_000.0

    assert 0 <= elapsed < 60 * (time.time() - start) + 1
    assert clock.parse(compressed.encode()) == compressed


def test_a_frozen_clock_stands_still():
    frozen = clock.Clock(time.time() - 100, 5000.0, 0)

    assert frozen.time() == 5000.0


@pytest.mark.parametrize("value", ["1,2", "a,b,c", "1,2,-1"])
def test_a_bad_clock_is_refused_with_its_name(value):
    with pytest.raises(ValueError, match="SOAK_CLOCK"):
        clock.parse(value)


def test_scaled_wait_divides_the_timeout_by_the_speed():
    event = threading.Event()
    began = time.monotonic()

    assert ScaledWait(event, 100).wait(20) is False

    assert time.monotonic() - began < 1.0  # 20 simulated seconds are 0.2 real ones
