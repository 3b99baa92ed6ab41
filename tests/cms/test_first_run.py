"""What `make run` does on a fresh machine, done for real: a new SQLite database, migrate, the demo
loaded by `first_run`, a real server process, and requests to the home page and one case."""

import os

from tests.servers import dev_server, fetch, manage_ok


def test_fresh_database_to_browsable_site(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "SECRET_KEY": "smoke-test-only",
    }
    manage_ok(env, "migrate", "--no-input")
    assert "44 cases" in manage_ok(env, "first_run")
    assert "demo already loaded" in manage_ok(env, "first_run")
    script = "from cases.models import CaseStudyPage as C; print(C.objects.live().first().url)"
    case_url = manage_ok(env, "shell", "-c", script).strip().splitlines()[-1]

    with dev_server(env) as base:
        status, home = fetch(base + "/")
        assert status == 200
        assert "Kunskapsbanken" in home
        status, case = fetch(base + case_url)
        assert status == 200
        assert "Exempel – fiktiv insats" in case
        status, search = fetch(base + "/sok/?q=brobyggare")
        assert status == 200
        assert "Brobyggare i skolan" in search.replace("<mark>", "").replace("</mark>", "")
