"""Fixed-window rate limits: ``hit`` counts, ``wait`` only looks."""

from gda_site import ratelimit

HOUR = 3600
AT = 1_796_400_000 + 1_500  # 25 minutes into an hour (1_796_400_000 is a multiple of 3600)


def test_wait_counts_nothing_and_says_how_long_once_the_limit_is_used():
    assert AT % HOUR == 1_500
    limits = {"limit": 2, "window": HOUR}
    assert ratelimit.wait("t", "ada", **limits, now=AT) == 0
    assert ratelimit.wait("t", "ada", **limits, now=AT) == 0  # looking used nothing up
    assert ratelimit.hit("t", "ada", **limits, now=AT) == 0
    assert ratelimit.wait("t", "ada", **limits, now=AT) == 0  # one left
    assert ratelimit.hit("t", "ada", **limits, now=AT) == 0
    assert ratelimit.wait("t", "ada", **limits, now=AT) == HOUR - 1_500
    assert ratelimit.hit("t", "ada", **limits, now=AT) == HOUR - 1_500  # refused
    assert ratelimit.wait("t", "bob", **limits, now=AT) == 0  # each key counts its own
    assert ratelimit.wait("t", "ada", **limits, now=AT + HOUR - 1_500) == 0  # the next hour
