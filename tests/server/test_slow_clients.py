"""50 clients that send their request headers slowly (slowloris) do not stop the site: other
clients keep getting pages within 1 s. Against the production setup of the README: nginx with
deploy/nginx/visitatie-proxy.conf in front of gunicorn with deploy/gunicorn.conf.py. Before, four
such clients blocked a four-worker sync gunicorn for 35 s."""
import socket
import statistics
import threading
import time
import urllib.request

SLOW_CLIENTS = 50
BYTE_EVERY = 0.5     # seconds between the bytes of a slow client's headers
HOLD_FOR = 12.0      # seconds the slow clients keep at it; they stop by themselves


def _slow_client(port: int, stop: threading.Event, opened: list) -> None:
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        return
    opened.append(sock)
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        header = b"X-Slow: " + b"a" * 200
        for byte in header:
            if stop.wait(BYTE_EVERY):
                break
            sock.sendall(bytes([byte]))
    except OSError:
        pass  # the server may drop a client it finds too slow: that is allowed
    finally:
        sock.close()


def test_fifty_slow_header_clients_leave_pages_fast_for_everyone_else(proxied_server, record_property):
    url, _folder = proxied_server
    port = int(url.rsplit(":", 1)[1])
    stop, opened = threading.Event(), []
    slow = [threading.Thread(target=_slow_client, args=(port, stop, opened), daemon=True) for _ in range(SLOW_CLIENTS)]
    for thread in slow:
        thread.start()
    time.sleep(2.0)  # every slow client connected and sent part of its headers
    assert len(opened) == SLOW_CLIENTS
    latencies, deadline = [], time.monotonic() + HOLD_FOR - 3
    try:
        while time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(url + "/themas/leiderschap", timeout=5) as response:  # a full page of the guide
                assert response.status == 200
                response.read()
            latencies.append(time.monotonic() - started)
            time.sleep(0.1)
    finally:
        stop.set()
        for thread in slow:
            thread.join(timeout=10)
    worst, median = max(latencies), statistics.median(latencies)
    record_property("slow_clients_latency", f"median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms, "
                                            f"{len(latencies)} requests")
    print(f"\n50 slow-header clients: median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms "
          f"over {len(latencies)} page requests")
    assert len(latencies) >= 10
    assert worst < 1.0
