"""gunicorn's settings for `make serve`: workers from the CPU count (or WEB_CONCURRENCY), the
access log on stdout without the health probes' successes (a probe every few seconds would
drown it), the port from PORT."""

import multiprocessing
import os

from gunicorn.glogging import Logger

from practices.health import PROBES

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# The reverse proxy in front terminates TLS and says so (BEHIND_TLS_PROXY, settings.py).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


class QuietProbesLogger(Logger):
    """gunicorn's logger, leaving out health probes that succeed: failures are still logged."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") in PROBES and str(resp.status).startswith("200"):
            return
        super().access(resp, req, environ, request_time)


logger_class = QuietProbesLogger
