# Downloads on a thread pool: every future's exception is collected in submission order
# and the failures are raised as one ExceptionGroup, which the caller takes apart with
# except* by type, retrying what is worth retrying.
import threading
from concurrent.futures import ThreadPoolExecutor


class HTTPError(Exception):
    def __init__(self, url, status):
        super().__init__(f"{status} for {url}")
        self.url = url
        self.status = status


lock = threading.Lock()
log = []


def download(url, attempt):
    with lock:
        log.append((url, attempt))
    if url.endswith(".missing"):
        raise HTTPError(url, 404)
    if url.endswith(".busy") and attempt < 2:
        raise HTTPError(url, 503)
    if url.endswith(".slow"):
        raise TimeoutError(f"{url} took too long")
    if not url.startswith("https://"):
        raise ValueError(f"refusing insecure url {url}")
    return f"<{len(url)} bytes from {url}>"


def fetch_all(urls, attempt, pages):
    """Fills `pages` with what downloaded; raises the failures together."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [(u, pool.submit(download, u, attempt)) for u in urls]
    errors = []
    for url, fut in futures:
        exc = fut.exception()
        if exc is None:
            pages[url] = fut.result()
        else:
            exc.add_note(f"attempt {attempt}")
            errors.append(exc)
    if errors:
        raise ExceptionGroup(f"{len(errors)} download(s) failed", errors)


URLS = [
    "https://a.example/index.html",
    "https://b.example/page.missing",
    "https://c.example/api.busy",
    "http://d.example/plain.html",
    "https://e.example/video.slow",
    "https://f.example/data.busy",
]

pending = list(URLS)
done = {}
for attempt in range(1, 4):
    if not pending:
        break
    print(f"attempt {attempt}: {len(pending)} url(s)")
    retry = []
    try:
        fetch_all(pending, attempt, done)
        pending = []
    except* HTTPError as eg:
        for e in eg.exceptions:
            if e.status >= 500:
                retry.append(e.url)
                print("  will retry", e.url, e.status)
            else:
                print("  giving up on", e.url, e.status, e.__notes__)
        pending = retry
    except* (TimeoutError, ValueError) as eg:
        for e in eg.exceptions:
            print(f"  {type(e).__name__}: {e}")
        pending = retry

print("downloaded:")
for url in URLS:
    if url in done:
        print("  ", done[url])
print("calls:", len(log), sorted(set(a for _, a in log)))
