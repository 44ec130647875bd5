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
import random
import re
import time
from urllib.parse import urlsplit

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_CORE_VERSION
from ansible.module_utils.basic import env_fallback

# Imports are kept to what a call needs: every task pays for them on the managed node (see make bench).
try:
    import requests
except ImportError:
    import traceback

    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None


COLLECTION_NAME = 'ddog.aws'
COLLECTION_VERSION = '0.1.0'

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
REDACTED = '********'
_ERROR_TEXT_LIMIT = 300


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
    """Every failure of the client: bad connection settings, network, TLS and API errors.

    ``status`` is the HTTP status of the last answer (None when there was none),
    ``errors`` the API's own error texts, ``method`` and ``path`` the call.
    Nothing in it ever holds a key.
    """

    def __init__(self, message, status=None, errors=None, method=None, path=None):
        super(DatadogAPIError, self).__init__(message)
        self.message = message
        self.status = status
        self.errors = list(errors or [])
        self.method = method
        self.path = path

    def fail_json_kwargs(self):
        result = dict(msg=self.message, errors=self.errors)
        if self.status is not None:
            result['status'] = self.status
        return result


def _is_loopback(hostname):
    import ipaddress  # only plain-HTTP URLs need it

    if hostname.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def base_url(site=DEFAULT_SITE, api_host=None):
    """The API's base URL: ``api_host`` when given, else ``https://api.<site>``."""
    if not api_host:
        if site not in SITES:
            raise DatadogAPIError(
                'Unknown Datadog site %r. Known sites: %s. For a site not listed, set api_host to its full '
                'API URL (for example https://api.<site>).' % (site, ', '.join(SITES)))
        return 'https://api.%s' % site

    parts = urlsplit(api_host.strip())
    if parts.scheme not in ('https', 'http') or not parts.hostname:
        raise DatadogAPIError(
            'api_host must be a full URL such as https://api.datadoghq.eu, got %r.' % api_host)
    if parts.scheme == 'http' and not _is_loopback(parts.hostname):
        raise DatadogAPIError(
            'Refusing to send the API and application keys over plain HTTP to %s: use an https:// URL for api_host '
            '(plain http is accepted only for loopback hosts).' % parts.hostname)
    return api_host.strip().rstrip('/')


def _retry_after_reset(headers):
    """Seconds that X-RateLimit-Reset asks to wait, or None when absent or unreadable."""
    value = headers.get('X-RateLimit-Reset')  # requests' headers are case-insensitive
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    return seconds if seconds >= 0 else None


def _backoff(attempt):
    """Exponential backoff with jitter for the given 1-based attempt that just failed."""
    delay = min(MAX_SINGLE_WAIT, BACKOFF_BASE * 2 ** (attempt - 1))
    return delay * random.uniform(0.5, 1.0)


def _json_or_none(response):
    if not response.content:
        return None
    try:
        return json.loads(response.content.decode(response.encoding or 'utf-8', 'replace'))
    except ValueError:
        return None


def _plain_text(body):
    """A short readable line from a non-JSON body, such as a gateway's HTML page."""
    title = re.search(r'<title[^>]*>(.*?)</title>', body, re.IGNORECASE | re.DOTALL)
    if title:
        body = title.group(1)
    body = re.sub(r'<(script|style)\b.*?</\1\s*>', ' ', body, flags=re.IGNORECASE | re.DOTALL)
    body = re.sub(r'<[^>]+>', ' ', body)
    text = ' '.join(body.split())
    if len(text) > _ERROR_TEXT_LIMIT:
        text = text[:_ERROR_TEXT_LIMIT] + '...'
    return text


def _error_text(item):
    if isinstance(item, dict):
        text = ': '.join(str(item[key]) for key in ('title', 'detail') if item.get(key))
        return text or json.dumps(item, sort_keys=True)
    return str(item)


def error_texts(response):
    """The API's own error texts, from either of Datadog's error shapes or from a non-JSON body."""
    payload = _json_or_none(response)
    if isinstance(payload, dict):
        errors = payload.get('errors')
        if isinstance(errors, list) and errors:
            return [_error_text(item) for item in errors]
        for key in ('error', 'message'):
            if isinstance(payload.get(key), str) and payload[key]:
                return [payload[key]]
    text = _plain_text(response.text) if response.content else ''
    return [text] if text else []


def _status_hint(status):
    if status in (401, 403):
        return (' Check that api_key and app_key are valid for this Datadog site, that site (or api_host) names '
                'the site your organization is on, and that the application key has the permission this call needs.')
    return ''


class DatadogClient:
    """A session against one Datadog site with retries that survive rate limits and gateway hiccups."""

    def __init__(self, api_key, app_key, site=DEFAULT_SITE, api_host=None, validate_certs=True, ca_path=None,
                 timeout=30, retries=5, user_agent_suffix=''):
        self.base_url = base_url(site, api_host)
        if timeout is None or timeout <= 0:
            raise DatadogAPIError('timeout must be a positive number of seconds, got %r.' % timeout)
        if retries is None or retries < 0:
            raise DatadogAPIError('retries must be 0 or more, got %r.' % retries)
        self.timeout = timeout
        self.retries = retries
        # verify is passed with every request: a Session-level value would lose to REQUESTS_CA_BUNDLE.
        self._verify = (ca_path or True) if validate_certs else False
        self._secrets = [key for key in (api_key, app_key) if key]
        self._session = requests.Session()
        self._session.headers.update({
            'DD-API-KEY': api_key,
            'DD-APPLICATION-KEY': app_key,
            'Accept': 'application/json',
            'User-Agent': '%s/%s (ansible-core %s%s)' % (
                COLLECTION_NAME, COLLECTION_VERSION, ANSIBLE_CORE_VERSION, user_agent_suffix),
        })

    def _redact(self, text):
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def _error(self, message, method, path, status=None, errors=None):
        return DatadogAPIError(
            self._redact(message), status=status, errors=[self._redact(text) for text in errors or []],
            method=method, path=path)

    def request(self, method, path, body=None, query=None):
        """Send one call, retrying what is safe to retry; return the decoded JSON body (None when empty)."""
        url = self.base_url + path
        call = '%s %s' % (method, path)
        attempt = 0
        while True:
            attempt += 1
            retries_left = attempt <= self.retries
            try:
                response = self._session.request(
                    method, url, json=body, params=query, timeout=self.timeout, verify=self._verify)
            except requests.exceptions.SSLError as exc:
                raise self._error(
                    'TLS error talking to %s for %s: %s. Set ca_path to the CA bundle that signed the server '
                    'certificate (or validate_certs=false, which is unsafe).' % (self.base_url, call, _reason(exc)),
                    method, path)
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
                if not retries_left:
                    raise self._error(
                        'Could not reach Datadog at %s for %s (%d attempt(s)): %s'
                        % (self.base_url, call, attempt, _reason(exc)), method, path)
                _sleep(_backoff(attempt))
                continue
            except requests.exceptions.RequestException as exc:
                raise self._error('Request %s to %s failed: %s' % (call, self.base_url, _reason(exc)), method, path)

            status = response.status_code
            if retries_left and (status == 429 or status in RETRYABLE_STATUSES):
                _sleep(self._retry_wait(response, attempt, method, path))
                continue
            if status >= 400:
                raise self._api_error(response, method, path, attempt)
            payload = _json_or_none(response)
            if payload is None and response.content:
                raise self._error(
                    'Datadog answered %s with HTTP %d and a body that is not JSON (%s): %s'
                    % (call, status, response.headers.get('Content-Type') or 'no content type',
                       _plain_text(response.text)), method, path, status)
            return payload

    def _retry_wait(self, response, attempt, method, path):
        """Seconds to wait before the next attempt: what X-RateLimit-Reset says on a 429, else backoff."""
        reset = _retry_after_reset(response.headers) if response.status_code == 429 else None
        if reset is None:
            return _backoff(attempt)
        if reset > MAX_SINGLE_WAIT:
            raise self._error(
                'Datadog rate limit %s for %s %s is exhausted and resets in %d seconds, longer than the %d seconds '
                'this collection waits at once. Try again later or spread the calls out.'
                % (response.headers.get('X-RateLimit-Name') or '(unnamed)', method, path, reset, MAX_SINGLE_WAIT),
                method, path, response.status_code, error_texts(response))
        return min(MAX_SINGLE_WAIT, reset + random.uniform(*RESET_JITTER))

    def _api_error(self, response, method, path, attempts):
        status = response.status_code
        texts = error_texts(response)
        message = ('Datadog API %s %s failed with HTTP %d %s' % (method, path, status, response.reason or '')).rstrip()
        if texts:
            message += ': ' + '; '.join(texts)
        if attempts > 1:
            message += ' (after %d attempts)' % attempts
        if not message.endswith(('.', '!', '?')):
            message += '.'
        if status == 429:
            message += ' Still rate limited: raise retries, or spread the calls out.'
        message += _status_hint(status)
        return self._error(message, method, path, status, texts)


def _reason(exc):
    """The innermost cause of a requests exception, without the layers urllib3 wraps it in."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, 'reason', None)
        if not isinstance(inner, Exception):
            inner = next((arg for arg in getattr(exc, 'args', ()) if isinstance(arg, Exception)), None)
        if inner is None:
            break
        exc = inner
    return str(exc)


def v2_attributes(payload):
    """data.attributes of a JSON:API (v2) body, or None when the body has no such object."""
    data = payload.get('data') if isinstance(payload, dict) else None
    attributes = data.get('attributes') if isinstance(data, dict) else None
    return attributes if isinstance(attributes, dict) else None
