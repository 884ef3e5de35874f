"""Dependencies point one way, digests -> accounts -> jobs: the jobs app (and the templates of
its admin pages) use nothing of digests or accounts; the site's date format uses no app."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIGESTS_LIBRARIES = {"digest_dates", "digest_feedback"}


def imported(path: Path) -> set[str]:
    """The top-level package of every module ``path`` imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_jobs_imports_neither_digests_nor_accounts():
    modules = list((ROOT / "jobs").rglob("*.py"))
    assert ROOT / "jobs" / "admin.py" in modules
    found = {str(p): imported(p) & {"digests", "accounts"} for p in modules}
    assert {path: names for path, names in found.items() if names} == {}


def test_the_jobs_admin_templates_load_no_digests_filters():
    templates = list((ROOT / "templates" / "admin" / "jobs").rglob("*.html"))
    assert templates
    loads = {
        name
        for path in templates
        for tag in re.findall(r"{%\s*load ([^%]*)%}", path.read_text(encoding="utf-8"))
        for name in tag.split()
    }
    assert "site_dates" in loads
    assert loads & DIGESTS_LIBRARIES == set()


def test_the_house_date_format_depends_on_no_app():
    for path in (
        ROOT / "gda_site" / "dates.py",
        ROOT / "gda_site" / "templatetags" / "site_dates.py",
    ):
        assert imported(path) & {"digests", "accounts", "jobs"} == set(), path
