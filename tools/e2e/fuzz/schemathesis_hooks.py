"""Schemathesis hooks of `make fuzz` (tools/e2e/src/fuzz.ts points SCHEMATHESIS_HOOKS here).

An API Gateway HTTP API refuses a request whose request line and header values together exceed
10240 bytes before any service code runs (the local gateway, a Node server, answers 431 from
16 KiB). Such a request tests the platform's edge, not a service's contract, so none is sent: the
generated query, headers and path parameters each stay within a share of that budget, leaving
room for the method, the path and the token.
"""

from urllib.parse import quote, urlencode

import schemathesis

MAX_QUERY_BYTES = 4096
MAX_HEADER_BYTES = 2048
MAX_PATH_PARAMETER_BYTES = 2048


def _encoded_size(values):
    return len(urlencode(values or {}, doseq=True))


@schemathesis.hook
def filter_query(ctx, query):
    return _encoded_size(query) <= MAX_QUERY_BYTES


@schemathesis.hook
def filter_headers(ctx, headers):
    return sum(len(str(name)) + len(str(value).encode("utf-8")) for name, value in (headers or {}).items()) <= MAX_HEADER_BYTES


@schemathesis.hook
def filter_path_parameters(ctx, path_parameters):
    return sum(len(quote(str(value), safe="")) for value in (path_parameters or {}).values()) <= MAX_PATH_PARAMETER_BYTES
