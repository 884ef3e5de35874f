import json

import pytest

from gda_site.config import DEV_SECRET_KEY, KEYS, ConfigError, load, load_config, reference_table

GOOD_KEY = "k3Uq0Yw8m1q5m0n5bq9nNfHq3yJ6l6d0T2xv2m3bq7E="  # 32 bytes, url-safe base64
PRODUCTION = {
    "SECRET_KEY": "Kp3-long-random-production-secret-for-tests-9f8e7d6c5b4a",
    "GDA_TOKEN_KEYS": GOOD_KEY,
    "DEBUG": "false",
}


def write(tmp_path, data, name="config.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def messages(environment):
    with pytest.raises(ConfigError) as info:
        load_config(environment)
    return [str(p) for p in info.value.problems]


def test_defaults_with_debug():
    config = load_config({"DEBUG": "true"})
    assert config.debug is True
    assert config.gmail.batch_size == KEYS["gmail.batch_size"].default
    assert config.scheduler.max_retries == 10
    assert config.allowed_hosts == ["127.0.0.1", "localhost"]


def test_file_values_are_loaded(tmp_path):
    path = write(tmp_path, {"debug": True, "gmail": {"batch_size": 20}, "site_url": "https://x.io"})
    config = load_config({"GDA_CONFIG": path})
    assert config.gmail.batch_size == 20
    assert config.site_url == "https://x.io"


def test_environment_beats_file(tmp_path):
    path = write(tmp_path, {"debug": True, "gmail": {"batch_size": 20}})
    config = load_config({"GDA_CONFIG": path, "GDA_GMAIL__BATCH_SIZE": "30"})
    assert config.gmail.batch_size == 30


def test_environment_lists_and_booleans():
    config = load_config(
        {
            "DEBUG": "yes",
            "GDA_ALLOWED_HOSTS": "a.example, b.example",
            "GDA_SUMMARY__PROVIDERS": "openai,extractive",
        }
    )
    assert config.allowed_hosts == ["a.example", "b.example"]
    assert config.summary.providers == ["openai", "extractive"]


def test_out_of_range_names_key_value_expectation_and_source():
    assert messages({"DEBUG": "true", "GDA_GMAIL__BATCH_SIZE": "500"}) == [
        "gmail.batch_size: expected an integer 1..100, got 500 (from GDA_GMAIL__BATCH_SIZE)"
    ]


def test_wrong_type_in_environment():
    assert messages({"DEBUG": "true", "GDA_SCHEDULER__WORKERS": "many"}) == [
        "scheduler.workers: expected an integer, got 'many' (from GDA_SCHEDULER__WORKERS)"
    ]


def test_ambiguous_boolean_is_refused():
    assert messages({"DEBUG": "sure"}) == ["debug: expected true or false, got 'sure' (from DEBUG)"]


def test_wrong_type_in_file_names_the_file(tmp_path):
    path = write(tmp_path, {"debug": True, "gmail": {"batch_size": "ten"}})
    assert messages({"GDA_CONFIG": path}) == [
        f"gmail.batch_size: expected an integer, got 'ten' (from {path})"
    ]


def test_all_problems_are_reported_at_once(tmp_path):
    path = write(tmp_path, {"debug": True, "gmail": {"batch_size": 0}, "site_url": "ftp://x"})
    found = messages({"GDA_CONFIG": path, "GDA_SCHEDULER__LEASE_SECONDS": "1"})
    assert [m.split(":")[0] for m in found] == [
        "site_url",
        "gmail.batch_size",
        "scheduler.lease_seconds",
    ]


def test_unknown_file_key_is_an_error(tmp_path):
    path = write(tmp_path, {"debug": True, "gmail": {"batchsize": 5}})
    assert messages({"GDA_CONFIG": path}) == [f"gmail.batchsize: unknown key (in {path})"]


def test_unknown_gda_environment_variable_is_an_error():
    assert messages({"DEBUG": "true", "GDA_GMAIL__BATCHSIZE": "5"}) == [
        "GDA_GMAIL__BATCHSIZE: unknown environment variable (a typo?)"
    ]


def test_malformed_json_reports_line_and_column(tmp_path):
    path = write(tmp_path, '{\n  "debug": true,\n  "gmail": {"batch_size": 5,}\n}')
    (message,) = messages({"GDA_CONFIG": path, "DEBUG": "true"})
    assert message.startswith(f"GDA_CONFIG: {path}: invalid JSON at line 3, column 29")


def test_missing_file_is_reported(tmp_path):
    (message,) = messages({"GDA_CONFIG": str(tmp_path / "nope.json"), "DEBUG": "true"})
    assert "cannot read" in message
    assert "nope.json" in message


def test_production_refuses_missing_secrets():
    found = messages({"DEBUG": "false"})
    assert found[0].startswith("secret_key: expected a random string of 50+ characters")
    assert found[1].startswith("token_keys: expected at least one Fernet key")


def test_production_refuses_the_development_secret():
    found = messages({**PRODUCTION, "SECRET_KEY": DEV_SECRET_KEY})
    assert len(found) == 1
    assert found[0].startswith("secret_key:")


def test_short_token_key_is_refused_and_masked():
    (message,) = messages({**PRODUCTION, "GDA_TOKEN_KEYS": "tooshort-secret"})
    assert message.startswith("token_keys: expected Fernet keys")
    assert "tooshort-secret" not in message
    assert "hidden" in message


def test_secrets_are_masked_in_type_errors(tmp_path):
    path = write(tmp_path, {"debug": True, "summary": {"openai_api_key": 12345}})
    (message,) = messages({"GDA_CONFIG": path})
    assert "12345" not in message
    assert "hidden" in message


def test_production_config_loads():
    config = load_config({**PRODUCTION, "GDA_SITE_URL": "https://gda.example.com"})
    assert config.debug is False
    assert config.token_keys == [GOOD_KEY]


def test_fake_google_is_refused_in_production():
    found = messages({**PRODUCTION, "GDA_GOOGLE__FAKE_URL": "http://127.0.0.1:8765"})
    assert found == [
        "google.fake_url: the fake Google is for tests and the demo only and is refused with "
        "debug off (from GDA_GOOGLE__FAKE_URL)"
    ]


def test_fake_google_must_be_on_loopback():
    (message,) = messages({"DEBUG": "true", "GDA_GOOGLE__FAKE_URL": "http://10.0.0.5:8765"})
    assert message.startswith("google.fake_url: expected an http:// URL on loopback")


def test_fake_google_rewires_every_endpoint():
    config = load_config({"DEBUG": "true", "GDA_GOOGLE__FAKE_URL": "http://127.0.0.1:9999/"})
    assert config.google.token_uri == "http://127.0.0.1:9999/token"
    assert config.google.auth_uri == "http://127.0.0.1:9999/o/oauth2/auth"
    assert config.google.api_endpoint == "http://127.0.0.1:9999"
    assert config.google_client_configured


def test_bad_cron_schedule_and_time_zone():
    found = messages(
        {
            "DEBUG": "true",
            "GDA_DIGEST__DEFAULT_SCHEDULE": "61 * * * *",
            "GDA_DIGEST__DEFAULT_TIMEZONE": "Mars/Base",
        }
    )
    assert found[0].startswith(
        "digest.default_schedule: expected a cron expression (minute: 61 is out of range 0-59), "
    )  # the parser's sentence is a clause here, its full stop left out
    assert found[1].startswith("digest.default_timezone: expected an IANA time zone name")


def test_bad_database_url_scheme():
    (message,) = messages({"DEBUG": "true", "DATABASE_URL": "nosuch://x/y"})
    assert message.startswith("database_url: expected a database URL with a scheme among")


def test_lenient_load_substitutes_defaults_for_bad_values():
    config, problems = load({"DEBUG": "true", "GDA_GMAIL__BATCH_SIZE": "500"})
    assert config.gmail.batch_size == KEYS["gmail.batch_size"].default
    assert len(problems) == 1


def test_example_file_is_valid_and_complete():
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "config.example.json"
    data = json.loads(example.read_text())
    load_config({"GDA_CONFIG": str(example), "DEBUG": "true"})
    from gda_site.config import flatten

    assert {path for path, _ in flatten(data)} == set(KEYS)


def test_readme_reference_table_is_current():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert reference_table() in readme


def test_dollar_values_are_taken_literally_not_as_references():
    secret = "$" + "Kp3-long-random-production-secret-for-tests-9f8e7d6c5b4a"
    config = load_config({**PRODUCTION, "SECRET_KEY": secret, "PATH": "/usr/bin"})
    assert config.secret_key == secret


def test_dollar_token_key_is_reported_not_a_crash():
    (message,) = messages({**PRODUCTION, "GDA_TOKEN_KEYS": "$HOME"})
    assert message.startswith("token_keys: expected Fernet keys")


def test_a_key_given_twice_in_the_file_is_an_error(tmp_path):
    path = write(tmp_path, '{"debug": true, "gmail": {"batch_size": 5, "batch_size": 6}}')
    assert messages({"GDA_CONFIG": path}) == [f"batch_size: given twice (in {path})"]


def test_a_section_that_is_not_an_object_is_named(tmp_path):
    path = write(tmp_path, {"debug": True, "gmail": 5})
    assert messages({"GDA_CONFIG": path}) == [
        f"gmail: expected an object of settings, got 5 (from {path})"
    ]


def test_production_needs_allowed_hosts():
    (message,) = messages({**PRODUCTION, "GDA_ALLOWED_HOSTS": ""})
    assert message.startswith("allowed_hosts: expected at least one host name with debug off")


def test_client_id_without_secret_is_an_error():
    (message,) = messages(
        {"DEBUG": "true", "GDA_GOOGLE__CLIENT_ID": "x.apps.googleusercontent.com"}
    )
    assert message.startswith("google.client_secret: expected a client secret")


def test_missing_client_secrets_file_is_an_error(tmp_path):
    missing = str(tmp_path / "client_secret.json")
    (message,) = messages({"DEBUG": "true", "GDA_GOOGLE__CLIENT_SECRETS_FILE": missing})
    assert message.startswith("google.client_secrets_file: expected a readable client_secret")


def test_unknown_summary_provider_and_bad_numbers():
    found = messages(
        {"DEBUG": "true", "GDA_SUMMARY__PROVIDERS": "extractive,gpt9", "GDA_SUMMARY__TIMEOUT": "0"}
    )
    assert found[0].startswith("summary.providers: expected one of extractive, openai, anthropic")
    assert found[1].startswith("summary.timeout: expected a number greater than 0")


def test_bad_cache_and_email_urls():
    found = messages({"DEBUG": "true", "CACHE_URL": "nosuch://", "EMAIL_URL": "pigeon://coop"})
    assert found[0].startswith("cache_url: expected a cache URL with a scheme among")
    assert found[1].startswith("email_url: expected an email URL with a scheme among")


@pytest.mark.parametrize(
    "key", ["GDA_DELIVERY__SMTP_TIMEOUT_SECONDS", "GDA_GMAIL__HTTP_TIMEOUT_SECONDS"]
)
def test_a_send_timeout_must_end_before_the_verification_grace_period(key):
    _, problems = load({"DEBUG": "true", "GDA_DELIVERY__VERIFY_GRACE_SECONDS": "60", key: "60"})
    assert [p.key for p in problems] == [key.removeprefix("GDA_").lower().replace("__", ".")]
    assert "less than delivery.verify_grace_seconds (60)" in problems[0].message
