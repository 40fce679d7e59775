"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py 'visitatie:create_app()'`.

gunicorn listens on the loopback only, behind nginx (deploy/nginx/): nginx buffers every request
whole, with header and body timeouts, so slow clients never hold a gunicorn thread. That is the
defence against slow clients; gunicorn alone is not one (measured: even 4 x 32 gthread threads
hung behind 50 slowloris connections, because a thread blocks on a half-sent header).

gthread workers rather than the default sync ones: a request waiting on the database or a long
Word report takes one thread, not a whole process.

Every value can be overridden from the environment (GUNICORN_WORKERS=… etc.) without editing this file.
"""
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")   # only the proxy on this machine talks to us
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", 4)          # processes: about 2 per CPU core
threads = _int("GUNICORN_THREADS", 8)          # per worker: requests in parallel
worker_connections = _int("GUNICORN_WORKER_CONNECTIONS", 1000)
timeout = _int("GUNICORN_TIMEOUT", 60)         # a worker silent this long is restarted (the Word report takes ~2 s)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)   # requests in progress may finish on restart
keepalive = _int("GUNICORN_KEEPALIVE", 5)      # idle keep-alive connections are closed after this
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)         # recycle workers now and then (memory of pandas)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Requests no form of ours needs: long request lines and many headers are refused early.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The proxy on this machine says which scheme the client used (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No access log here: it would write every URL, invitation tokens included. The app writes one
# line per request with tokens removed (visitatie/web/request_log.py), to the error log = stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
capture_output = True
