"""Safe redirect targets: only paths on this site, never another host (open redirects)."""
from urllib.parse import urlparse


def same_site_path(target: str | None) -> str | None:
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or "\\" in target:
        return None
    return target
