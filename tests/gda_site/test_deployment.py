"""The deployment's processes for real: gunicorn, two runschedulers and the fake Google, on
the test database, driven through one sign-in and one digest."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from digests.models import Digest
from fakegoogle import DEMO_EMAIL
from tests.gda_site.test_metrics import sample
from tests.gda_site.test_rundev import free_port
from tests.jobs.processes import child_database_url

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class Processes:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.running: list[tuple[subprocess.Popen, Path]] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = self.tmp_path / f"{name}.log"
        process = subprocess.Popen(
            args, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT
        )
        self.running.append((process, log))
        return process

    def log(self, process: subprocess.Popen) -> str:
        return next(log for p, log in self.running if p is process).read_text()

    def stop(self) -> None:
        for process, _ in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process, _ in self.running:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def answers(url: str, process: subprocess.Popen) -> bool:
    assert process.poll() is None, "gunicorn exited early"
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture
def deployment(tmp_path):
    processes = Processes(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDA_")}
    env.update(DEBUG="true", DATABASE_URL=child_database_url(), PYTHONUNBUFFERED="1")
    env["EMAIL_URL"] = "dummymail://"
    try:
        fake = processes.start(
            "fakegoogle",
            [sys.executable, "-m", "fakegoogle", "--port", "0", "--auto-consent", "allow"],
            env,
        )
        fake_url = wait_for(
            lambda: (m := re.search(r"serving (http://\S+)", processes.log(fake))) and m[1],
            30,
            "the fake Google",
        )
        port = free_port()
        site = f"http://127.0.0.1:{port}"
        metrics_dir = tmp_path / "metrics"
        metrics_dir.mkdir()
        env.update(
            GDA_GOOGLE__FAKE_URL=fake_url,
            GDA_SITE_URL=site,
            PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
        )
        web = processes.start(
            "gunicorn",
            [sys.executable, "-m", "gunicorn", "gda_site.wsgi", "-b", f"127.0.0.1:{port}",
             "--workers", "2"],
            env,
        )  # fmt: skip
        manage = [sys.executable, str(ROOT / "manage.py"), "runscheduler", "--poll-interval", "0.2"]
        schedulers = [processes.start(f"scheduler{i}", manage, env) for i in (1, 2)]
        wait_for(lambda: answers(site + "/healthz", web), 60, "gunicorn")
        yield site, processes, schedulers
    finally:
        processes.stop()


def test_one_sign_in_and_one_digest_through_the_deployed_processes(deployment):
    site, processes, schedulers = deployment
    browser = requests.Session()

    landed = browser.get(site + "/accounts/google/start/", timeout=30)

    assert landed.status_code == 200
    assert landed.url == site + "/digests/"
    digest = wait_for(
        lambda: Digest.objects.filter(user__email=DEMO_EMAIL, status=Digest.Status.SENT).first(),
        90,
        "the welcome digest",
    )
    page = browser.get(f"{site}/digests/{digest.pk}/", timeout=30)
    assert page.status_code == 200
    first = digest.emails.order_by("rank").first()
    assert first is not None
    assert first.subject in page.text

    def live_schedulers():
        ready = requests.get(site + "/readyz", timeout=30)
        return ready.status_code == 200 and ready.json()["checks"]["schedulers"]["detail"]

    # Two polls are a short window on a loaded machine: give both a moment to be seen.
    assert wait_for(lambda: live_schedulers() == "2 live", 60, "two live schedulers")
    ran = [s for s in schedulers if "job digest.send" in processes.log(s)]
    assert len(ran) == 1  # one of the two schedulers built it, exactly once
    metrics = requests.get(site + "/metrics", timeout=10).text
    assert sample(metrics, "gda_job_runs_total", outcome="succeeded", type="digest.send") == 1
