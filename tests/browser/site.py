"""A real server for the browser tests: gunicorn with production settings and the demo data.

It runs in a subprocess, on a free 127.0.0.1 port, over its own database (a temporary SQLite file,
or `<name>_e2e` beside the PostgreSQL database in DATABASE_URL), so the browser sees what a visitor
sees: the WSGI app with DEBUG off, whitenoise, the security middleware and django-axes.
pytest-django's `live_server` would serve the test database instead, which every transactional
test empties, and would share this process's event-loop checks with Playwright.
"""

import atexit
import email
import email.policy
import itertools
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import dj_database_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Test-only accounts created in the server's own database by tests/browser/seed.py.
USERS = {
    "admin": "e2e-admin-password-not-secret",
    "member": "e2e-member-password-not-secret",
    "editor": "e2e-editor-password-not-secret",
}

# Editors and superusers sign in with a second factor: an authenticator app holding this key
# (hex, as django-otp stores it), and recovery codes. A TOTP code works once per 30 seconds, so
# log_in() spends a fresh recovery code per sign-in; tests of the app itself compute codes.
TOTP_KEYS = {
    "admin": "3132333435363738393031323334353637383930",
    "editor": "3031323334353637383930313233343536373839",
}
RECOVERY_CODES = 300
_recovery_code_numbers = itertools.count()


def recovery_code(username: str, number: int) -> str:
    return f"e2e{username[:6]}{number:04d}"


def next_recovery_code(username: str) -> str:
    """A recovery code no earlier sign-in of this run used (seed.py makes RECOVERY_CODES)."""
    return recovery_code(username, next(_recovery_code_numbers))


START_TIMEOUT = 60  # seconds for gunicorn to answer once the database is ready


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    """Prepare a database, seed it, serve it; `stop()` ends the server and drops the database."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        # `localhost`, not 127.0.0.1: Chromium treats http://localhost as a secure context, so it
        # keeps the Secure session and CSRF cookies that production settings send.
        self.base_url = f"http://localhost:{self.port}"
        self.log_path = workdir / "gunicorn.log"
        # The site writes each e-mail to a file here (EMAIL_FILE_PATH); see mails().
        self.mail_dir = workdir / "mail"
        self.database_url, self._pg_admin = self._database()
        self._process = None

    def _database(self):
        configured = os.environ.get("DATABASE_URL", "")
        if configured.startswith(("postgres://", "postgresql://")):
            config = dj_database_url.parse(configured)
            name = f"{config['NAME']}_e2e"
            url = configured.rsplit("/", 1)[0] + "/" + name
            return url, (config, name)
        return f"sqlite:///{self.workdir / 'e2e.sqlite3'}", None

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                # Production settings, with one exception: the test server speaks plain HTTP, so
                # it must not redirect to https. Secure cookies and HSTS stay as in production.
                "DEBUG": "0",
                "SECURE_SSL_REDIRECT": "0",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "localhost,127.0.0.1",
                "DATABASE_URL": self.database_url,
                # No collectstatic in a test run: whitenoise serves the files from the finders.
                "STATIC_MANIFEST": "0",
                "LOG_LEVEL": "WARNING",
                "EMAIL_FILE_PATH": str(self.mail_dir),
                "SITE_URL": self.base_url,
                "PYTHONUNBUFFERED": "1",
                "DJANGO_SETTINGS_MODULE": "earlall_practices.settings",
            }
        )
        return env

    def _run(self, *args: str, timeout: int = 300) -> None:
        result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, *args],
            cwd=PROJECT_ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            command = " ".join(args)
            raise RuntimeError(
                f"`{command}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )

    def _create_pg_database(self) -> None:
        config, name = self._pg_admin
        with self._pg_connection(config) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')

    def _drop_pg_database(self) -> None:
        config, name = self._pg_admin
        with self._pg_connection(config) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @staticmethod
    def _pg_connection(config):
        import psycopg

        return psycopg.connect(
            dbname="postgres",
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            autocommit=True,
        )

    def start(self) -> "LiveSite":
        if self._pg_admin:
            self._create_pg_database()
        self._run("manage.py", "migrate", "--no-input", "-v", "0")
        self._run("-m", "tests.browser.seed")
        log = self.log_path.open("w")
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "earlall_practices.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                "60",
            ],
            cwd=PROJECT_ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        atexit.register(self.stop)  # even if the test run is interrupted
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.server_log()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"The site did not answer in {START_TIMEOUT}s:\n{self.server_log()}")

    def server_log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def mails(self) -> list[email.message.EmailMessage]:
        """Every e-mail the site sent so far, oldest first (Django's file backend writes each
        connection's messages to one file, separated by a line of dashes)."""
        if not self.mail_dir.exists():
            return []
        files = sorted(self.mail_dir.iterdir(), key=lambda path: path.stat().st_mtime_ns)
        messages = []
        for path in files:
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
        return messages

    def manage(self, *args: str) -> None:
        """Run a management command against the server's database."""
        self._run("manage.py", *args)

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None
        if self._pg_admin:
            self._drop_pg_database()
