import re

import pytest

from jobs.backoff import CAP_SECONDS, retry_delay, total_span


@pytest.mark.parametrize(
    ("failures_before", "low", "high"),
    [(0, 15, 25), (1, 16, 36), (2, 31, 61), (3, 96, 136), (8, 4111, 4201)],
)
def test_delay_is_polynomial_plus_bounded_jitter(failures_before, low, high):
    assert retry_delay(failures_before, 0.0) == low
    assert low <= retry_delay(failures_before, 0.5) < high
    assert retry_delay(failures_before, 0.999999) == pytest.approx(high, abs=0.01)


def test_delay_grows_with_every_failure():
    delays = [retry_delay(n, 0.5) for n in range(12)]
    assert delays == sorted(delays)
    assert len(set(delays)) == len(delays)


def test_delay_is_capped():
    assert retry_delay(50, 0.0) == CAP_SECONDS
    assert retry_delay(50, 0.9) == CAP_SECONDS


def test_ten_attempts_span_about_two_and_a_half_hours():
    # Nine waits (after failures 1..9); the tenth failure makes the job dead.
    assert total_span(10, 0.0) == 8907
    assert total_span(10, 0.999999) == pytest.approx(9357, abs=0.01)


@pytest.mark.parametrize(
    ("failures_before", "jitter", "message"),
    [
        (-1, 0.0, "failures_before must be >= 0, got -1"),
        (0, 1.0, "jitter must be in [0, 1), got 1.0"),
        (0, -0.1, "jitter must be in [0, 1), got -0.1"),
    ],
)
def test_bad_arguments_are_named(failures_before, jitter, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        retry_delay(failures_before, jitter)
