"""`newsgraph load`: PUT a graph into a SPARQL 1.1 Graph Store Protocol server, logging in when
the server asks (HTTP Basic or Digest), and never showing a credential.

Credentials come from ``--user`` (the password from $NEWSGRAPH_PASSWORD or a prompt: see cli.py),
else from user-info in the endpoint URL (``http://me:secret@host/store``), else from ``~/.netrc``.
Every message names the endpoint without its user-info; no password is ever part of one.
"""
from __future__ import annotations

import netrc
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PipelineError
from .graphfile import graph_file

USER_INFO = re.compile(r"(?<=//)[^/@\s]*@")
"""The user-info of a URL ('me:secret@' in 'http://me:secret@host/')."""


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)
    source: str = "--user"
    """Where they came from, for messages: '--user', 'the URL' or '~/.netrc'."""


def redact(text: str) -> str:
    """Text with the user-info of every URL in it removed."""
    return USER_INFO.sub("", str(text))


def split_user_info(endpoint: str) -> tuple[str, Credentials | None]:
    """(the endpoint without user-info, the credentials it held)."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.username is None:
        return endpoint, None
    host = parts.netloc.rsplit("@", 1)[1]
    clean = urllib.parse.urlunsplit(parts._replace(netloc=host))
    password = urllib.parse.unquote(parts.password or "")
    return clean, Credentials(urllib.parse.unquote(parts.username), password, "the URL")


def from_netrc(endpoint: str, path: Path | None = None) -> Credentials | None:
    """The ~/.netrc entry for the endpoint's host, if there is one."""
    host = urllib.parse.urlsplit(endpoint).hostname
    file = path or Path.home() / ".netrc"
    if not host or not file.is_file():
        return None
    try:
        entry = netrc.netrc(str(file)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as err:
        line = getattr(err, "lineno", None)
        raise PipelineError(f"{file}: cannot be read{f' (line {line})' if line else ''}") from err
    return Credentials(entry[0], entry[2] or "", "~/.netrc") if entry and entry[0] else None


def upload(graph: Path, endpoint: str, graph_iri: str, credentials: Credentials | None = None,
           timeout: float = 30.0) -> tuple[str, int]:
    """PUT the Turtle file into ``endpoint`` (Graph Store Protocol) as the named graph ``graph_iri``,
    logging in if the server asks. Returns (the endpoint as it may be shown, the HTTP status).
    Only that graph is replaced."""
    graph = graph_file(graph)
    endpoint, in_url = split_user_info(endpoint)
    login = credentials or in_url or from_netrc(endpoint)
    handlers = []
    if login is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, login.user, login.password)
        handlers = [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"
    request = urllib.request.Request(url, data=graph.read_bytes(), method="PUT",
                                     headers={"Content-Type": "text/turtle; charset=utf-8"})
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=timeout) as response:
            return endpoint, response.status
    except urllib.error.HTTPError as err:
        raise PipelineError(_refused(endpoint, err, login)) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise PipelineError(f"{endpoint}: cannot reach the server ({redact(reason)})") from None


def _refused(endpoint: str, err: urllib.error.HTTPError, login: Credentials | None) -> str:
    """One line saying why the server said no (never with the password, nor the server's page)."""
    who = f"user {login.user!r} (from {login.source})" if login else None
    if err.code == 401 and login:
        return f"{endpoint}: the server refused the credentials of {who} (HTTP 401 Unauthorized)"
    if err.code == 401:
        return (f"{endpoint}: the server asks to log in (HTTP 401 Unauthorized); give --user NAME with the "
                "password in NEWSGRAPH_PASSWORD or at the prompt, or a ~/.netrc entry for the host")
    if err.code == 403:
        return f"{endpoint}: {who or 'an anonymous user'} may not write graphs there (HTTP 403 Forbidden)"
    try:
        detail = err.read().decode("utf-8", "replace").strip().splitlines()[:1]
    except OSError:
        detail = []
    return f"{endpoint}: the server refused the graph (HTTP {err.code}{': ' + redact(detail[0]) if detail else ''})"
