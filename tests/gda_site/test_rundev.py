"""`manage.py rundev`, what `make run` starts: the web app, the scheduler and the demo's fake
Google together, stopped together."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDA_")}
    return {**env, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite3", **extra}


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "rundev exited early"
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {timeout}s")


@pytest.fixture
def rundev(tmp_path):
    env = environment(tmp_path)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=120)
    port = free_port()
    process = subprocess.Popen(
        [*manage, "rundev", "--addr", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", process)
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def test_make_run_serves_the_site_and_wires_the_demo_google(rundev):
    base, _ = rundev

    assert requests.get(base + "/", timeout=5).status_code == 200
    to_google = requests.get(base + "/accounts/google/start/", allow_redirects=False, timeout=5)
    consent = urlsplit(to_google.headers["Location"])
    assert consent.hostname == "127.0.0.1"
    assert consent.path == "/o/oauth2/auth"
    (redirect_uri,) = parse_qs(consent.query)["redirect_uri"]
    assert redirect_uri == base + "/accounts/google/callback/"
    page = requests.get(to_google.headers["Location"], timeout=5)
    assert "Allow" in page.text


def test_sigterm_stops_everything_cleanly(rundev):
    base, process = rundev

    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)

    assert process.returncode == 0, output
    with pytest.raises(requests.ConnectionError):
        requests.get(base + "/", timeout=2)
    assert "Traceback" not in output


def test_demo_needs_debug(tmp_path):
    env = environment(
        tmp_path,
        DEBUG="false",
        SECRET_KEY="Kp3-long-random-production-secret-for-tests-9f8e7d6c5b4a",
        GDA_TOKEN_KEYS="k3Uq0Yw8m1q5m0n5bq9nNfHq3yJ6l6d0T2xv2m3bq7E=",
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "rundev"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "demo's fake Google needs DEBUG=true" in result.stderr
