# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one HTTP client every ddog.aws module talks to Datadog through.

Private to this collection (leading underscore): no compatibility promise to
other collections. Modules reach it through ``_module.run_module()``; URL,
headers, TLS, timeouts, retries and error decoding all live here, and nothing
else does (AWS-side rules are in ``_aws.py``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import random
import re
import socket
import threading
import time
import zlib
from http.client import HTTPException
from urllib.parse import quote, urlsplit

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_CORE_VERSION
from ansible.module_utils.basic import env_fallback

# Imports are kept to what a call needs: every task pays for them on the managed node (see make bench).
try:
    import requests
    from requests.utils import get_environ_proxies
    from urllib3.exceptions import ConnectTimeoutError, LocationParseError, ProtocolError
    from urllib3.util import parse_url
except ImportError:
    import traceback

    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None


COLLECTION_NAME = 'ddog.aws'
COLLECTION_VERSION = '0.3.0'

DEFAULT_SITE = 'datadoghq.com'
SITES = (
    'datadoghq.com',
    'us3.datadoghq.com',
    'us5.datadoghq.com',
    'datadoghq.eu',
    'ap1.datadoghq.com',
    'ap2.datadoghq.com',
    'uk1.datadoghq.com',
    'ddog-gov.com',
    'us2.ddog-gov.com',
)

# Gateways and load balancers answer these while Datadog recovers; a later try
# usually succeeds. Other 4xx answers are final.
RETRYABLE_STATUSES = frozenset((500, 502, 503, 504))
# No single wait is longer than this, whatever a header says.
MAX_SINGLE_WAIT = 60.0
# Exponential backoff: 1, 2, 4, 8 ... seconds, each scaled by a random 50-100 %.
BACKOFF_BASE = 1.0
# Added to the X-RateLimit-Reset wait so that forks released by the same window
# do not all arrive in the same instant.
RESET_JITTER = (0.05, 0.3)
# Bounds of the timeout and retries options; with them, and at most MAX_SINGLE_WAIT between attempts, a call
# lasts at most (retries + 1) * timeout + retries * MAX_SINGLE_WAIT seconds (8 minutes with the defaults).
MAX_TIMEOUT = 600
MAX_RETRIES = 20
# The largest answer read. The largest real one is the list of every AWS integration of an organization: about
# 1.3 KB per account as recorded, 6 KB with every namespace, region and filter spelled out. 64 MiB holds 10,000
# accounts (AWS Organizations' largest quota) at 6.7 KB each; anything bigger is not an answer from Datadog.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
# Raw bytes read at a time. Bodies are inflated here, never by urllib3 (which, before 2.6, inflates a whole read at
# once, however far it expands), and only the encodings asked for: gzip or deflate, one layer.
_READ_CHUNK = 8 * 1024
_ACCEPTED_ENCODINGS = 'gzip, deflate'
# Datadog's answers are a handful of levels deep; much deeper JSON is nobody's answer and only costs recursion.
_MAX_JSON_DEPTH = 64
# Error pages are scanned this far for readable text; what they say that matters comes first.
_PAGE_SCAN_LIMIT = 64 * 1024
_ERROR_TEXT_LIMIT = 300
_MAX_ERROR_TEXTS = 10
_HEADER_TEXT_LIMIT = 100
REDACTED = '********'

_SAFE_METHODS = ('GET', 'HEAD')
# A DNS name, an IPv4 address or a bracketed IPv6 address, an optional port, an optional plain path: nothing that two
# URL parsers could read differently (user info, backslashes, white space, percent-encoding, query, fragment).
_API_HOST = re.compile(r'(?P<scheme>https?)://(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])'
                       r'(?::(?P<port>[0-9]{1,5}))?(?P<path>(?:/[A-Za-z0-9._~-]+)*)/?', re.IGNORECASE)
_API_PATH = re.compile(r'(?:/[A-Za-z0-9._~:-]+)+')
_RESET_SECONDS = re.compile(r'[0-9]{1,9}(?:\.[0-9]{1,9})?')
_DIGITS = re.compile(r'[0-9]+')
# Characters a person cannot see, deleted from any text shown: a key with them inside is still the key.
_INVISIBLE = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]')
_PAGE_TOKEN = re.compile(r'<(/?)([A-Za-z]*)[^<>]*>?|[^<]+')


def _sleep(seconds):
    """Indirection so that tests can record waits instead of sleeping."""
    time.sleep(seconds)


def datadog_argument_spec():
    """Connection and credential options shared by every module (see the ddog.aws.datadog doc fragment)."""
    return dict(
        api_key=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['DD_API_KEY', 'DATADOG_API_KEY'])),
        app_key=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['DD_APP_KEY', 'DATADOG_APP_KEY'])),
        site=dict(type='str', default=DEFAULT_SITE, choices=list(SITES), fallback=(env_fallback, ['DD_SITE'])),
        api_host=dict(type='str', fallback=(env_fallback, ['DD_HOST', 'DATADOG_HOST'])),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path'),
        timeout=dict(type='int', default=30),
        retries=dict(type='int', default=5),
    )


class DatadogAPIError(Exception):
    """Every failure the collection reports: bad settings, refusals, network, TLS and API errors.

    ``status`` is the HTTP status of the last answer (None when there was none),
    ``errors`` the API's own error texts, ``method`` and ``path`` the call.
    ``maybe_applied``: a write whose answer was lost or was a 5xx, so Datadog may have acted on it.
    ``lost_before``: an earlier attempt of this call was lost that way before the answer that failed.
    Nothing in it ever holds a key: the client masks every text before it gets here.
    """

    def __init__(self, message, status=None, errors=None, method=None, path=None, maybe_applied=False,
                 lost_before=False):
        super(DatadogAPIError, self).__init__(message)
        self.message = message
        self.status = status
        self.errors = list(errors or [])
        self.method = method
        self.path = path
        self.maybe_applied = maybe_applied
        self.lost_before = lost_before

    def explained(self, hint):
        """The same failure with hint appended to its message."""
        return DatadogAPIError(self.message + hint, status=self.status, errors=self.errors, method=self.method,
                               path=self.path, maybe_applied=self.maybe_applied, lost_before=self.lost_before)

    def fail_json_kwargs(self):
        result = dict(msg=self.message, errors=self.errors)
        if self.status is not None:
            result['status'] = self.status
        return result


class Redactor:
    """Makes any text fit to show a person: secrets masked, control characters gone, length bounded.

    Masking comes first, so that truncation can never leave part of a secret behind. Each secret is also
    masked in the forms an echo may take: escaped as in Python or JSON, or percent-encoded in a URL.
    """

    def __init__(self, secrets=()):
        forms = set()
        for secret in secrets:
            if secret:
                forms.update((secret, secret.strip(), repr(secret)[1:-1], json.dumps(secret)[1:-1],
                              quote(secret, safe='', errors='backslashreplace')))
        self._forms = sorted((form for form in forms if form), key=len, reverse=True)

    def add(self, secret):
        return Redactor(self._forms + [secret])

    def merged(self, other):
        """A redactor that masks what either masks."""
        return Redactor(self._forms + other._forms)

    def mask(self, text):
        """text with every form of every secret replaced, and nothing else changed."""
        text = '%s' % (text,)
        for form in self._forms:
            text = text.replace(form, REDACTED)
        return text

    def mask_data(self, value):
        """value, with mask() applied to every string in it, keys of dicts included."""
        if isinstance(value, dict):
            return dict((self.mask_data(key), self.mask_data(item)) for key, item in value.items())
        if isinstance(value, (list, tuple)):
            return [self.mask_data(item) for item in value]
        return self.mask(value) if isinstance(value, str) else value

    def __call__(self, text, limit=_ERROR_TEXT_LIMIT):
        text = ' '.join(self.mask(_INVISIBLE.sub('', '%s' % (text,))).split())
        if limit and len(text) > limit:
            text = text[:limit] + '...'
        return text


def _key_problem(value):
    """What makes value unusable as a header value, in words that quote no part of it; None when it is fine."""
    if not value:
        return 'is empty'
    for character in value:
        if character in ' \t':
            return 'has white space inside it'
        if ord(character) < 0x20 or ord(character) == 0x7f:
            return 'contains a control character'
        if ord(character) > 0x7e:
            return 'contains a character that is not printable ASCII'
    return None


def clean_key(option, value):
    """The key to send and a warning when white space around it had to go; DatadogAPIError when it is unusable.

    A key stored with ``echo KEY | ansible-vault encrypt_string`` ends with a newline: that much is forgiven.
    Nothing in the message is taken from the value.
    """
    stripped = value.strip()
    problem = _key_problem(stripped)
    if problem:
        raise DatadogAPIError(
            '%s %s. Datadog keys are letters and digits only (32 for an API key, 40 for an application key); check '
            'how the key was stored (a vault or environment variable may have added characters). Nothing was sent.'
            % (option, problem))
    warning = None
    if stripped != value:
        warning = ('%s had white space around it (such as a trailing newline, which "echo KEY | ansible-vault '
                   'encrypt_string" adds); it was removed. Store the key without it (printf %%s KEY | ...).' % option)
    return stripped, warning


def _ip_address(hostname):
    import ipaddress  # only plain-HTTP and proxy decisions need it

    try:
        return ipaddress.ip_address(hostname.strip('[]'))
    except ValueError:
        return None


def _is_loopback(hostname):
    address = _ip_address(hostname)
    return hostname.lower() == 'localhost' or bool(address and address.is_loopback)


def _url_error(reason):
    return DatadogAPIError(
        'api_host %s. It must be a full URL such as https://api.datadoghq.eu: https:// (or http:// for a loopback '
        'host), a host name or IP address, an optional port and path, and nothing else.' % reason)


def base_url(site=DEFAULT_SITE, api_host=None):
    """The API's base URL: ``api_host`` when given, else ``https://api.<site>``.

    ``api_host`` is rebuilt from its parts after the transport's own parser (urllib3's) and the standard library's
    have both read the same scheme, host and port from it, so the host checked here is the host the keys go to.
    No message quotes api_host: it could hold a password.
    """
    if not api_host:
        if site not in SITES:
            raise DatadogAPIError(
                'Unknown Datadog site %r. Known sites: %s. For a site not listed, set api_host to its full '
                'API URL (for example https://api.<site>).' % (site, ', '.join(SITES)))
        return 'https://api.%s' % site

    text = api_host.strip()
    match = _API_HOST.fullmatch(text)
    if not match:
        if '@' in text:
            raise _url_error('must not hold credentials (user:password@)')
        raise _url_error('is not a plain URL')
    scheme, host, port, path = match.group('scheme').lower(), match.group('host').lower(), match.group('port'), \
        match.group('path')
    try:
        transport, standard = parse_url(text), urlsplit(text)
        agreed = (transport.scheme == standard.scheme == scheme and transport.host.strip('[]') == standard.hostname
                  and transport.port == standard.port)
    except (LocationParseError, ValueError):
        agreed = False
    if not agreed or (port is not None and not 0 < int(port) < 65536):
        raise _url_error('is not a URL that can be read only one way')
    if _ip_address(host) is None and _inet_aton(host):
        # 127.1, 2130706433, 0x7f000001 and 0177.0.0.1 all reach 127.0.0.1 in the socket layer: no such spelling.
        raise _url_error('writes an IPv4 address in a short, octal or hexadecimal form; write it as four decimal numbers')
    if scheme == 'http' and not _is_loopback(host):
        raise DatadogAPIError(
            'Refusing to send the API and application keys over plain HTTP to %s: use an https:// URL for api_host '
            '(plain http is accepted only for loopback hosts).' % host)
    return '%s://%s%s%s' % (scheme, host, ':%s' % int(port) if port else '', path)


def _inet_aton(host):
    try:
        return socket.inet_aton(host)
    except (OSError, ValueError):
        return None


def _reset_seconds(headers):
    """Seconds that X-RateLimit-Reset asks to wait, or None when absent or not a plain non-negative number."""
    value = (headers.get('X-RateLimit-Reset') or '').strip()  # requests' headers are case-insensitive
    return float(value) if _RESET_SECONDS.fullmatch(value) else None


def pause(attempt):
    """Wait before the next try of something that failed attempt times: exponential backoff with jitter."""
    _sleep(_backoff(attempt))


def _backoff(attempt):
    """Exponential backoff with jitter for the given 1-based attempt that just failed."""
    delay = min(MAX_SINGLE_WAIT, BACKOFF_BASE * 2 ** min(attempt - 1, 16))
    return delay * random.uniform(0.5, 1.0)


def _json_or_none(body):
    """The decoded JSON of a body (always UTF-8, whatever charset a header claims), or None, also when too deep."""
    if not body:
        return None
    try:
        payload = json.loads(body.decode('utf-8-sig'))
    except (ValueError, RecursionError):
        return None
    return payload if _depth(payload) <= _MAX_JSON_DEPTH else None


def _depth(value):
    """How deeply lists and dicts nest in value, without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        value, level = pending.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, level)
            if level <= _MAX_JSON_DEPTH:
                pending.extend((item, level + 1) for item in (value.values() if isinstance(value, dict) else value))
    return deepest


def _page_text(text):
    """Readable text of a body that is not JSON, such as a gateway's HTML page: its title, else its text.

    One pass over at most _PAGE_SCAN_LIMIT characters, so a hostile page costs no more than a short one. Whoever
    calls it masks the whole text first: a cut must never leave part of a secret behind.
    """
    text = text[:_PAGE_SCAN_LIMIT]
    title, words, skipping, in_title = [], [], False, False
    for token in _PAGE_TOKEN.finditer(text):
        closing, tag = token.group(1), (token.group(2) or '').lower()
        if not token.group(0).startswith('<'):
            if not skipping:
                (title if in_title else words).append(token.group(0))
        elif tag in ('script', 'style'):
            skipping = not closing
        elif tag == 'title':
            in_title = not closing
    return ' '.join(title).strip() or ' '.join(words)


def _error_text(item):
    """One of Datadog's error entries as text: a string, or title, detail and the fields `meta` blames."""
    if not isinstance(item, dict):
        return '%s' % (item,)
    text = ': '.join('%s' % item[key] for key in ('title', 'detail') if item.get(key))
    meta = item.get('meta')
    if isinstance(meta, dict) and meta:
        text += ' (%s)' % '; '.join('%s: %s' % pair for pair in sorted(meta.items(), key=str))
    return text or json.dumps(item, sort_keys=True)


def raw_error_texts(body, mask=lambda text: text):
    """The API's own error texts, unbounded, from either of Datadog's error shapes or a page; pages masked by mask."""
    payload = _json_or_none(body)
    if isinstance(payload, dict):
        errors = payload.get('errors')
        if isinstance(errors, list) and errors:
            return [_error_text(item) for item in errors[:_MAX_ERROR_TEXTS]]
        for key in ('error', 'message'):
            if isinstance(payload.get(key), str) and payload[key]:
                return [payload[key]]
    text = _page_text(mask(_visible_page(body))) if body else ''
    return [text] if text.strip() else []


def _visible_page(body):
    """A page's text as a person would read it: entities decoded, invisible characters gone."""
    import html  # only an error page needs it; its entity table costs every run a few milliseconds to import

    return _INVISIBLE.sub('', html.unescape(body.decode('utf-8', 'replace')))


def _status_hint(status):
    if status in (401, 403):
        return (' Check that api_key and app_key are valid for this Datadog site, that site (or api_host) names '
                'the site your organization is on, and that the application key has the permission this call needs.')
    return ''


def _chain(exc):
    """An exception and the causes requests and urllib3 wrap inside it, outermost first."""
    seen = []
    while isinstance(exc, BaseException) and all(exc is not known for known in seen):
        seen.append(exc)
        inner = getattr(exc, 'reason', None)
        if not isinstance(inner, BaseException):
            inner = next((arg for arg in getattr(exc, 'args', ()) if isinstance(arg, BaseException)), None)
        exc = inner
    return seen


def _never_sent(exc):
    """Whether a failure certainly happened before any byte of the request left: refused, DNS, connect, certificate."""
    import ssl  # only a failure needs it

    return any(isinstance(cause, (requests.exceptions.ConnectTimeout, ConnectTimeoutError, ssl.SSLCertVerificationError))
               for cause in _chain(exc))


def _transient(exc):
    """Whether a later attempt may get an answer: the connection failed, timed out, or the answer broke off."""
    if isinstance(exc, requests.exceptions.SSLError):
        return False
    return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                            requests.exceptions.ChunkedEncodingError, ProtocolError, HTTPException, _TimedOut))


class _TimedOut(Exception):
    """An attempt outlived its wall-clock deadline."""


class _TooLarge(Exception):
    """An answer grew past MAX_RESPONSE_BYTES."""


class _Undecodable(Exception):
    """An answer's body is in an encoding not asked for, or broken."""


class DatadogClient:
    """A session against one Datadog site with retries that survive rate limits and gateway hiccups.

    The keys go to ``base_url`` and nowhere else: redirects are refused, never followed; the URL of every
    request is checked against it; loopback hosts are reached without a proxy.
    """

    def __init__(self, api_key, app_key, site=DEFAULT_SITE, api_host=None, validate_certs=True, ca_path=None,
                 timeout=30, retries=5, user_agent_suffix='', secrets=()):
        """secrets: every other value that must never be shown (each no_log option of the caller), masked in every
        text this client makes before any text is cut, so that no prefix of one can be left behind."""
        self.warnings = []
        keys = []
        for option, value in (('api_key', api_key), ('app_key', app_key)):
            key, warning = clean_key(option, value or '')
            keys.append(key)
            if warning:
                self.warnings.append(warning)
        self.redact = Redactor([api_key, app_key] + keys + [secret for secret in secrets if isinstance(secret, str)])
        self.base_url = base_url(site, api_host)
        if timeout is None or not 0 < timeout <= MAX_TIMEOUT:
            raise DatadogAPIError('timeout must be 1 to %d seconds, got %r.' % (MAX_TIMEOUT, timeout))
        if retries is None or not 0 <= retries <= MAX_RETRIES:
            raise DatadogAPIError('retries must be 0 to %d, got %r.' % (MAX_RETRIES, retries))
        self.timeout = timeout
        self.retries = retries
        self._target = parse_url(self.base_url)
        self._settings = dict(verify=self._verify(validate_certs, ca_path), proxies=self._proxies(), cert=None)
        self._session = requests.Session()
        # The environment is read deliberately, above: proxies (never for loopback) and CA bundles. trust_env would
        # also add proxies for loopback hosts and credentials from ~/.netrc.
        self._session.trust_env = False
        self._session.headers.update({
            'DD-API-KEY': keys[0],
            'DD-APPLICATION-KEY': keys[1],
            'Accept': 'application/json',
            'Accept-Encoding': _ACCEPTED_ENCODINGS,
            'User-Agent': '%s/%s (ansible-core %s%s)' % (
                COLLECTION_NAME, COLLECTION_VERSION, ANSIBLE_CORE_VERSION, user_agent_suffix),
        })

    def _verify(self, validate_certs, ca_path):
        """What requests verifies the server with: False, a CA bundle that exists, or True (its own bundle)."""
        if not validate_certs:
            import urllib3  # its warning goes to stderr, where a module's output is not read; ours is shown

            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            self.warnings.append(
                'validate_certs is false: the certificate of %s is not checked, so anyone on the network path can '
                'read the API and application keys. Set ca_path to the CA bundle of a private or TLS-inspecting '
                'proxy instead.' % self.base_url)
            return False
        for source, path in (('ca_path', ca_path), ('REQUESTS_CA_BUNDLE', os.environ.get('REQUESTS_CA_BUNDLE')),
                             ('CURL_CA_BUNDLE', os.environ.get('CURL_CA_BUNDLE'))):
            if path:
                if not os.access(path, os.R_OK):
                    raise DatadogAPIError(
                        '%s %s is not a readable file or directory of CA certificates.' % (source, path))
                return path
        return True

    def _proxies(self):
        """The proxies of the environment for base_url, none for a loopback host; their passwords are masked."""
        if _is_loopback(self._target.host):
            return {}
        proxies = get_environ_proxies(self.base_url)
        for proxy in proxies.values():
            userinfo = proxy.rpartition('@')[0].rpartition('//')[2] if '@' in proxy else ''
            for secret in [userinfo] + userinfo.split(':'):
                if secret:
                    self.redact = self.redact.add(secret)
        return proxies

    def _error(self, message, method, path, status=None, errors=None, **flags):
        return DatadogAPIError(self.redact(message, limit=None), status=status,
                               errors=[self.redact(text) for text in errors or []], method=method, path=path, **flags)

    def request(self, method, path, body=None, query=None, repeatable=None, if_lost=None):
        """Send one call and return its decoded JSON body (None when empty).

        GET and HEAD are retried as ``retries`` allows. A write is retried after a 429 (Datadog did not process it)
        or when it certainly never left, and otherwise only when the caller says repeating it is harmless
        (``repeatable=True``). When a write that is not repeatable may have reached Datadog and its answer was
        lost, it is not sent again, and the error says so, followed by ``if_lost``.
        """
        if not _API_PATH.fullmatch(path) or '/../' in path + '/' or '/./' in path + '/':
            raise self._error('Refusing the API path %r: not a plain path.' % path, method, path)
        if repeatable is None:
            repeatable = method in _SAFE_METHODS
        try:
            prepared = self._session.prepare_request(
                requests.Request(method, self.base_url + path, json=body, params=query))
        except (requests.exceptions.RequestException, ValueError) as exc:
            raise self._error('Cannot build %s %s for %s: %s' % (method, path, self.base_url, self._reason(exc)),
                              method, path)
        self._check_destination(prepared, method, path)
        call = '%s %s' % (method, path)
        lost = (' The request may have reached Datadog, so it was not sent again. %s' % (if_lost or '')).rstrip()
        writes = method not in _SAFE_METHODS
        # Whether an earlier attempt of this write may have reached Datadog without its answer reaching us.
        lost_before = False
        attempt = 0
        while True:
            attempt += 1
            retries_left = attempt <= self.retries
            try:
                status, reason, headers, content = self._attempt(prepared)
            except Exception as exc:  # every way an attempt can fail is classified here, never a traceback
                never_sent = _never_sent(exc)
                if _transient(exc) and retries_left and (repeatable or never_sent):
                    lost_before = lost_before or (writes and not never_sent)
                    _sleep(_backoff(attempt))
                    continue
                raise self._error(self._attempt_failure(exc, call, attempt, never_sent)
                                  + ('' if repeatable or never_sent else lost), method, path,
                                  maybe_applied=writes and not never_sent, lost_before=lost_before)

            if 300 <= status < 400:
                raise self._redirect_error(status, reason, headers, method, path)
            if retries_left and (status == 429 or (status in RETRYABLE_STATUSES and repeatable)):
                lost_before = lost_before or (writes and status != 429)
                _sleep(self._retry_wait(status, headers, content, attempt, method, path))
                continue
            if status >= 400:
                # A 4xx answer means Datadog refused the call; a 5xx may come from a gateway after Datadog acted.
                error = self._api_error(status, reason, content, method, path, attempt,
                                        lost if status >= 500 and not repeatable else '')
                error.maybe_applied, error.lost_before = writes and status >= 500, lost_before
                raise error
            payload = _json_or_none(content)
            if payload is None and content:
                content_type = self.redact(headers.get('Content-Type') or 'no content type', _HEADER_TEXT_LIMIT)
                text = self.redact(_page_text(self.redact.mask(_visible_page(content))))
                raise self._error('Datadog answered %s with HTTP %d and a body that is not JSON (%s): %s.%s' % (
                    call, status, content_type, text, '' if repeatable else lost), method, path, status,
                    maybe_applied=writes, lost_before=lost_before)
            return payload

    def _attempt_failure(self, exc, call, attempt, never_sent):
        """What went wrong with an attempt that got no usable answer, in words."""
        if isinstance(exc, _TooLarge):
            return ('Datadog answered %s with more than %d MiB, the most this collection reads. Nothing was kept.'
                    % (call, MAX_RESPONSE_BYTES // (1024 * 1024)))
        if isinstance(exc, _Undecodable):
            return 'Datadog answered %s with a body that cannot be read: %s.' % (call, self._reason(exc))
        if isinstance(exc, requests.exceptions.SSLError):
            import ssl  # only a failure needs it

            advice = ''
            if any(isinstance(cause, ssl.SSLCertVerificationError) for cause in _chain(exc)):
                advice = (' Set ca_path to the CA bundle that signed the server certificate (or validate_certs=false, '
                          'which is unsafe).')
            return 'TLS error talking to %s for %s: %s.%s' % (self.base_url, call, self._reason(exc), advice)
        if _transient(exc):
            return '%s %s for %s (%d attempt(s)): %s.' % (
                'Could not reach Datadog at' if never_sent else 'No complete answer from Datadog at', self.base_url,
                call, attempt, self._reason(exc))
        return 'Request %s to %s failed: %s: %s.' % (call, self.base_url, type(exc).__name__, self._reason(exc))

    def _check_destination(self, prepared, method, path):
        """Refuse to send anything whose URL, as the transport will read it, is not under base_url."""
        sent = parse_url(prepared.url)
        if (sent.scheme, sent.host, sent.port) != (self._target.scheme, self._target.host, self._target.port) \
                or not prepared.url.startswith(self.base_url + '/'):
            raise self._error('Refusing to send %s %s anywhere but %s.' % (method, path, self.base_url), method, path)

    def _attempt(self, prepared):
        """One exchange, bounded in wall-clock time by ``timeout``: (status, reason, headers, body bytes).

        requests' own timeout bounds each socket operation only, which a server sending a byte a second never
        trips. The exchange runs in a daemon thread that is abandoned at the deadline (closing its response would wait
        for the read it is blocked in); it ends with the process, and a retry opens a connection of its own.
        """
        outcome = {}

        def exchange():
            try:
                # The adapter, not Session.send: that would read any Location to prepare a redirect not taken.
                response = self._session.get_adapter(prepared.url).send(
                    prepared, stream=True, timeout=self.timeout, **self._settings)
                with response:
                    outcome['answer'] = (response.status_code, response.reason, response.headers, _read_body(response))
            except BaseException as exc:  # handed to the calling thread, which decides
                outcome['error'] = exc

        worker = threading.Thread(target=exchange, name='ddog.aws %s' % prepared.method)
        worker.daemon = True
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            raise _TimedOut('no complete answer within timeout=%s seconds' % self.timeout)
        if 'error' in outcome:
            raise outcome['error']
        return outcome['answer']

    def _reason(self, exc):
        """The innermost cause of a requests exception, without the layers urllib3 wraps it in; masked."""
        return self.redact(_chain(exc)[-1], limit=_ERROR_TEXT_LIMIT)

    def _redirect_error(self, status, reason, headers, method, path):
        location = headers.get('Location')
        try:
            target = parse_url(requests.compat.urljoin(self.base_url + path, location or ''))
            host = (target.netloc or '').rpartition('@')[2]
        except (LocationParseError, ValueError):
            host = ''
        if not location:
            where = 'without a Location'
        elif host:
            where = 'to %s://%s' % (target.scheme, host)
        else:
            where = 'to a Location that is not a valid URL'
        return self._error(
            'Datadog API %s %s answered HTTP %d %s, a redirect %s. Datadog\'s API does not redirect, so it was not '
            'followed and the keys were sent nowhere else. Check api_host: a proxy or load balancer in front of the '
            'API may be rewriting requests.' % (method, path, status, self.redact(reason or '', _HEADER_TEXT_LIMIT),
                                                self.redact(where, _HEADER_TEXT_LIMIT)),
            method, path, status)

    def _retry_wait(self, status, headers, content, attempt, method, path):
        """Seconds to wait before the next attempt: what X-RateLimit-Reset says on a 429, else backoff."""
        reset = _reset_seconds(headers) if status == 429 else None
        if reset is None:
            return _backoff(attempt)
        if reset > MAX_SINGLE_WAIT:
            raise self._error(
                'Datadog rate limit %s for %s %s is exhausted and resets in %d seconds, longer than the %d seconds '
                'this collection waits at once. Try again later or spread the calls out.'
                % (self.redact(headers.get('X-RateLimit-Name') or '(unnamed)', _HEADER_TEXT_LIMIT), method, path,
                   reset, MAX_SINGLE_WAIT),
                method, path, status, raw_error_texts(content, self.redact.mask))
        return min(MAX_SINGLE_WAIT, reset + random.uniform(*RESET_JITTER))

    def _api_error(self, status, reason, content, method, path, attempts, lost):
        texts = [self.redact(text) for text in raw_error_texts(content, self.redact.mask)]
        message = 'Datadog API %s %s failed with HTTP %d %s' % (
            method, path, status, self.redact(reason or '', _HEADER_TEXT_LIMIT))
        message = message.rstrip()
        if texts:
            message += ': ' + '; '.join(texts)
        if attempts > 1:
            message += ' (after %d attempts)' % attempts
        if not message.endswith(('.', '!', '?')):
            message += '.'
        if status == 429:
            message += ' Still rate limited: raise retries, or spread the calls out.'
        message += _status_hint(status) + lost
        return self._error(message, method, path, status, texts)

    def describe(self, payload):
        """A short, masked rendering of an answer a module could not use, for its error message."""
        try:
            text = json.dumps(payload, sort_keys=True)
        except (TypeError, ValueError, RecursionError):
            text = '%r' % (payload,)
        return self.redact(text)


def _read_body(response):
    """The decoded body, refused past MAX_RESPONSE_BYTES, declared or not, compressed or not, before it is all read."""
    declared = response.headers.get('Content-Length') or ''
    if _DIGITS.fullmatch(declared) and int(declared) > MAX_RESPONSE_BYTES:
        raise _TooLarge()
    encoding = (response.headers.get('Content-Encoding') or 'identity').strip().lower()
    if encoding not in ('identity', 'gzip', 'x-gzip', 'deflate'):
        raise _Undecodable('Content-Encoding %s, where only %s was asked for' % (encoding[:40], _ACCEPTED_ENCODINGS))
    inflater = None if encoding == 'identity' else _Inflater(encoding)
    chunks, size = [], 0
    for chunk in response.raw.stream(_READ_CHUNK, decode_content=False):
        if inflater:
            chunk = inflater.inflate(chunk, MAX_RESPONSE_BYTES - size + 1)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise _TooLarge()
        chunks.append(chunk)
    if inflater:
        inflater.finish()
    return b''.join(chunks)


class _Inflater:
    """gzip or deflate (with or without its zlib header), inflated no further than asked at a time."""

    def __init__(self, encoding):
        self.encoding = encoding
        self.decoder = zlib.decompressobj(zlib.MAX_WBITS if encoding == 'deflate' else zlib.MAX_WBITS | 16)
        self.started = False

    def inflate(self, data, limit):
        try:
            out = self.decoder.decompress(data, limit)
        except zlib.error as exc:
            if self.encoding == 'deflate' and not self.started:
                # Some servers send deflate without its zlib header; urllib3 reads it that way too.
                self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                self.started = True
                return self.inflate(data, limit)
            raise _Undecodable('its %s data is broken (%s)' % (self.encoding, exc))
        self.started = self.started or bool(data)
        return out

    def finish(self):
        if self.started and not self.decoder.eof:
            raise _Undecodable('its %s data ends early' % self.encoding)


def v2_attributes(payload):
    """data.attributes of a JSON:API (v2) body, or None when the body has no such object."""
    data = payload.get('data') if isinstance(payload, dict) else None
    attributes = data.get('attributes') if isinstance(data, dict) else None
    return attributes if isinstance(attributes, dict) else None


def request(client, method, path, permission, **kwargs):
    """client.request(method, path, **kwargs); a 403 names the application key permission the call needs, which
    Datadog's answer does not."""
    try:
        return client.request(method, path, **kwargs)
    except DatadogAPIError as exc:
        if exc.status == 403:
            raise exc.explained(' This call (%s) needs the application key permission %s.' % (method, permission))
        raise


def read_names(client, path, member, permission):
    """data.attributes[member] of GET path, a list of strings; a 403 names the application key permission it needs."""
    payload = request(client, 'GET', path, permission)
    names = (v2_attributes(payload) or {}).get(member)
    if not isinstance(names, list) or not all(isinstance(item, str) for item in names):
        raise DatadogAPIError('Datadog answered GET %s without a list of %s in its body: %s'
                              % (path, member, client.describe(payload)))
    return names
