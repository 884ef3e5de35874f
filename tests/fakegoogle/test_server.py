"""Serving: loopback only, clean start and stop, and the ``python -m fakegoogle`` command."""

import signal
import subprocess
import sys

import pytest
import requests

from fakegoogle import DEMO_EMAIL, FakeGoogle, serve
from fakegoogle.__main__ import main


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.com", ""])
def test_refuses_non_loopback_hosts(host):
    with pytest.raises(ValueError, match="only binds to loopback"):
        serve(host=host)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost"])
def test_serves_on_loopback(host):
    with serve(FakeGoogle(), host=host) as running:
        response = requests.get(f"{running.base_url}/_fake/counters", timeout=5)

    assert response.status_code == 200
    assert running.base_url.startswith("http://127.0.0.")


def test_stop_closes_the_port():
    running = serve(FakeGoogle())
    url = f"{running.base_url}/_fake/counters"

    running.stop()

    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=1)


def test_two_servers_never_share_state():
    with serve(FakeGoogle()) as first, serve(FakeGoogle()) as second:
        first.fake.add_account("a@example.com")

        assert first.base_url != second.base_url
        assert second.fake.accounts == []


def test_without_a_fake_it_serves_the_demo_mailbox():
    with serve() as running:
        (account,) = running.fake.accounts

    assert account.email == DEMO_EMAIL
    assert len(account.mailbox.messages) >= 60
    assert running.fake.auto_consent is None


def test_command_line_refuses_a_public_host(capsys):
    assert main(["--host", "0.0.0.0", "--port", "0"]) == 2

    assert "only binds to loopback" in capsys.readouterr().err


@pytest.mark.slow
def test_python_dash_m_serves_the_demo_mailbox_until_sigterm():
    process = subprocess.Popen(
        [sys.executable, "-m", "fakegoogle", "--port", "0", "--mailbox", "demo@example.com"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        banner = process.stdout.readline()
        account_line = process.stdout.readline()
        base_url = banner.split()[-1]
        counters = requests.get(f"{base_url}/_fake/counters", timeout=5)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=10)
    finally:
        process.kill()

    assert banner.startswith("fakegoogle serving http://127.0.0.1:")
    assert "demo@example.com: 78 messages" in account_line
    assert counters.status_code == 200
    assert process.returncode == 0
    assert "fakegoogle stopped" in output
