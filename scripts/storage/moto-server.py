"""moto's S3 server with atomic conditional writes, for tests and `npm run s3:local`.

moto checks `If-None-Match: *` and then stores the object as two steps, and its server runs
each request on its own thread: two racing writers can both "win", and one commit silently
replaces the other. Real S3 makes the check and the write one atomic step; so does this
launcher, by running the object writes (PUT, and the POST that completes a multipart upload)
one at a time. Everything else stays concurrent.

  python moto-server.py -H 127.0.0.1 -p 5055
"""

from __future__ import annotations

import functools
import threading

from moto.s3.responses import S3Response
from moto.server import main

_writes = threading.Lock()


def _atomic(method):
    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with _writes:
            return method(self, *args, **kwargs)

    return locked


S3Response.put_object = _atomic(S3Response.put_object)
S3Response._key_response_post = _atomic(S3Response._key_response_post)

if __name__ == "__main__":
    main()
