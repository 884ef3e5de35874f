import pytest

from jobs import registry
from jobs.registry import PermanentError, RetryLater, UnknownJobType, get_handler, register


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(registry, "_handlers", dict(registry._handlers))


def test_register_and_look_up(clean_registry):
    @register("test.registry.example")
    def handler(job):
        pass

    assert get_handler("test.registry.example") is handler
    assert "test.registry.example" in registry.registered_types()


def test_registering_the_same_function_again_is_harmless(clean_registry):
    def handler(job):
        pass

    register("test.registry.twice")(handler)
    register("test.registry.twice")(handler)
    assert get_handler("test.registry.twice") is handler


def test_a_taken_name_cannot_be_registered_by_another_function(clean_registry):
    @register("test.registry.taken")
    def first(job):
        pass

    with pytest.raises(ValueError, match=r"'test\.registry\.taken' is already registered by"):

        @register("test.registry.taken")
        def second(job):
            pass


def test_unknown_type_is_a_permanent_error_listing_known_types():
    with pytest.raises(UnknownJobType, match="unknown job type 'nope'") as info:
        get_handler("nope")
    assert isinstance(info.value, PermanentError)
    assert "test.noop" in str(info.value)


def test_handlers_are_discovered_in_installed_apps():
    # jobs/jobs.py is found the way admin.py is; the test types come from procapp/jobs.py.
    assert "jobs.prune" in registry.registered_types()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "type: expected a non-empty string"),
        (None, "type: expected a non-empty string, got None"),
        ("x" * 101, "is 101 characters, at most 100"),
        (" spaced ", "has leading or trailing spaces"),
    ],
)
def test_bad_type_names_are_refused(name, message):
    with pytest.raises(ValueError, match=message):
        register(name)


def test_retry_later_carries_its_delay():
    assert RetryLater(90).seconds == 90.0
    assert str(RetryLater(5)) == "retry in 5 s"
    for bad in (-1, float("nan"), 10**9, "60", True):
        with pytest.raises(ValueError, match=r"seconds must be a number 0\.\.31622400 \(a year\)"):
            RetryLater(bad)
