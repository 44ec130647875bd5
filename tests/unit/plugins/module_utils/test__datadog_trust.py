# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The client as a trust boundary, against servers on loopback that misbehave on purpose.

Each server journals every request it gets and the local address it got it on (127.0.0.1, 127.0.0.2 ... are
different hosts here), so a test proves which host received the keys, not just what the client says.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import gzip
import json
import ssl
import time
import tracemalloc
import zlib

import pytest

from ansible_collections.ddog.aws.plugins.module_utils import _datadog
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, DatadogClient, base_url
from ansible_collections.ddog.aws.tests.emulator.misbehaving_server import MisbehavingServer, filler
from ansible_collections.ddog.aws.tests.unit.utils import API_KEY, APP_KEY

V1_PATH = '/api/v1/integration/aws/generate_new_external_id'
V2_PATH = '/api/v2/integration/aws/generate_new_external_id'
V1_BODY = {'account_id': '123456789012', 'role_name': 'DatadogIntegrationRole'}
OK = {'status': 200, 'body': {'external_id': 'd71656bcf0984f02848265fd12d01d97'}}


def client_for(server, **options):
    settings = dict(api_key=API_KEY, app_key=APP_KEY, api_host=server.url, retries=2)
    settings.update(options)
    return DatadogClient(**settings)


def keys_received(server):
    return [entry for entry in server.journal if entry['carried_keys']]


def assert_no_key_fragment(text):
    """Not the keys, nor any 8 characters of them: masking must come before any cut."""
    text = str(text)
    for key in (API_KEY, APP_KEY):
        for start in range(len(key) - 7):
            assert key[start:start + 8] not in text, text


@pytest.fixture
def tls_context(test_ca):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    test_ca.issue_cert('127.0.0.1', '127.0.0.2', '127.0.0.3', 'localhost').configure_cert(context)
    return context


@pytest.fixture
def ca_path(test_ca, tmp_path):
    path = tmp_path / 'ca.pem'
    test_ca.cert_pem.write_to_path(str(path))
    return str(path)


# --- 1. redirects: never followed, the keys never leave --------------------------------------------------------

@pytest.mark.parametrize('status', [301, 302, 303, 307, 308])
@pytest.mark.parametrize('method, path, body', [('POST', V2_PATH, None), ('PUT', V1_PATH, V1_BODY),
                                                ('GET', '/api/v2/integration/aws/accounts', None)])
def test_a_redirect_to_another_host_in_clear_is_an_error_and_carries_nothing_there(status, method, path, body, waits):
    with MisbehavingServer([OK], host='127.0.0.2') as elsewhere:
        target = elsewhere.url + '/collect?token=secret-query'
        with MisbehavingServer([{'status': status, 'headers': {'Location': target}}]) as datadog:
            with pytest.raises(DatadogAPIError) as error:
                client_for(datadog).request(method, path, body=body, repeatable=True)
    assert elsewhere.journal == []
    assert len(datadog.journal) == 1, 'a redirect is not retried'
    message = error.value.message
    assert error.value.status == status
    assert 'HTTP %d' % status in message and 'redirect to %s' % elsewhere.url in message
    assert '/collect' not in message and 'secret-query' not in message
    assert 'not followed' in message and waits == []


def test_a_redirect_between_trusted_tls_hosts_is_refused_too(tls_context, ca_path):
    with MisbehavingServer([OK], host='127.0.0.2', ssl_context=tls_context) as elsewhere:
        with MisbehavingServer([{'status': 308, 'headers': {'Location': elsewhere.url + V1_PATH}}],
                               ssl_context=tls_context) as datadog:
            with pytest.raises(DatadogAPIError, match='redirect to https://127.0.0.2'):
                client_for(datadog, ca_path=ca_path).request('PUT', V1_PATH, body=V1_BODY)
    assert elsewhere.journal == [] and len(keys_received(datadog)) == 1


@pytest.mark.parametrize('location, expected', [
    ('/api/v2/elsewhere?x=1', 'redirect to http://127.0.0.1:'),
    ('http://[::1', 'a Location that is not a valid URL'),
    (None, 'a redirect without a Location'),
])
def test_any_redirect_location_is_described_without_its_path(location, expected):
    act = {'status': 302, 'headers': {'Location': location} if location else {}}
    with MisbehavingServer([act]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog).request('GET', '/api/v2/integration/aws/accounts')
    assert expected in error.value.message
    assert 'elsewhere' not in error.value.message and 'x=1' not in error.value.message


# --- 2. keys that are not valid header values ------------------------------------------------------------------

@pytest.mark.parametrize('suffix, prefix', [('\n', ''), ('\r\n', ''), ('', '\r'), ('  ', '\t')])
def test_white_space_around_a_key_is_removed_with_a_warning(suffix, prefix):
    with MisbehavingServer([OK]) as datadog:
        client = client_for(datadog, api_key=prefix + API_KEY + suffix)
        assert client.request('POST', V2_PATH) == OK['body']
    headers = dict(datadog.journal[0]['headers'])
    assert headers['DD-API-KEY'] == API_KEY
    assert len(client.warnings) == 1 and client.warnings[0].startswith('api_key had white space around it')
    assert_no_key_fragment(client.warnings)


@pytest.mark.parametrize('option', ['api_key', 'app_key'])
@pytest.mark.parametrize('value, problem', [
    (API_KEY[:10] + '\x07' + API_KEY[10:], 'contains a control character'),
    (API_KEY[:10] + '\n' + API_KEY[10:], 'contains a control character'),
    (API_KEY[:10] + ' ' + API_KEY[10:], 'has white space inside it'),
    (API_KEY + '\u20ac', 'contains a character that is not printable ASCII'),
    ('\u043a\u043b\u044e\u0447' + API_KEY, 'contains a character that is not printable ASCII'),
    (API_KEY + '\u00e9', 'contains a character that is not printable ASCII'),
    ('\n', 'is empty'),
])
def test_a_key_that_is_no_header_value_is_refused_naming_the_option_and_not_the_value(option, value, problem):
    keys = dict(api_key=API_KEY, app_key=APP_KEY)
    keys[option] = value
    with MisbehavingServer([OK]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            DatadogClient(api_host=datadog.url, **keys).request('POST', V2_PATH)
    assert datadog.journal == []
    assert error.value.message.startswith('%s %s.' % (option, problem))
    assert_no_key_fragment(error.value.message)
    assert not value.strip() or value.strip() not in error.value.message


def test_a_key_echoed_in_an_escaped_form_is_masked():
    key = API_KEY[:12] + '\\"' + API_KEY[12:]
    echo = '{"errors": ["bad key %s"]}' % key.replace('\\', '\\\\').replace('"', '\\"')
    with MisbehavingServer([{'status': 403, 'body': echo}]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog, api_key=key).request('GET', '/api/v2/integration/aws/accounts')
    assert_no_key_fragment(error.value.message)
    assert_no_key_fragment(error.value.errors)
    assert error.value.errors == ['bad key ********']


# --- 3. URLs: the host that is checked is the host the keys go to ----------------------------------------------

@pytest.mark.parametrize('api_host', [
    'http://example.com\\@127.0.0.1/',        # urllib3 sends to example.com, urlsplit reads 127.0.0.1
    'http://127.0.0.1\\@example.com/',
    'http://127.0.0.1:80@example.com',
    'http://127.0.0.1%2f@example.com',
    'http://example.com;@127.0.0.1',
    'http://127.0.0.1#@example.com',
    'http://127.0.0.1?@example.com',
    'http://127.0.0.1 .example.com',
    'http://localhost\t.example.com',
    'http://127.0.0.1\r\n.example.com',
    'https://api.datadoghq.eu/%2e%2e/',
    'http:///127.0.0.1',
    'http:127.0.0.1',
])
def test_urls_that_two_parsers_could_read_differently_are_refused(api_host):
    with pytest.raises(DatadogAPIError) as error:
        base_url(api_host=api_host)
    assert error.value.message.startswith('api_host ')
    assert api_host not in error.value.message


@pytest.mark.parametrize('scheme', ['http', 'https'])
@pytest.mark.parametrize('host', ['0x7f.0.0.1', '127.1', '2130706433', '0x7f000001', '0177.0.0.1', '127.000.000.001'])
def test_short_octal_and_hexadecimal_ipv4_spellings_are_refused(scheme, host):
    # The socket layer reads them all as 127.0.0.1: neither the loopback check nor a proxy decision may differ.
    with pytest.raises(DatadogAPIError, match='writes an IPv4 address in a short, octal or hexadecimal form'):
        base_url(api_host='%s://%s' % (scheme, host))


def test_localhost_with_a_trailing_dot_is_a_name_to_resolve_not_loopback():
    with pytest.raises(DatadogAPIError, match='plain HTTP'):
        base_url(api_host='http://localhost.')


@pytest.mark.parametrize('api_host', ['https://user:hunter2-password@api.datadoghq.eu', 'https://:hunter2-password@x.io'])
def test_credentials_in_api_host_are_refused_and_never_printed(api_host):
    with pytest.raises(DatadogAPIError, match='must not hold credentials') as error:
        base_url(api_host=api_host)
    assert 'hunter2' not in error.value.message


@pytest.mark.parametrize('api_host, reason', [
    ('http://[::1', 'is not a plain URL'),
    ('https://[fe80::1%25eth0]:443', 'is not a plain URL'),
    ('http://127.0.0.1:99999', 'is not a URL that can be read only one way'),
    ('https://api.datadoghq.eu:', 'is not a plain URL'),
    ('https://api.d\u00e4tadoghq.eu', 'is not a plain URL'),
])
def test_malformed_api_host_gets_a_clear_error_naming_it(api_host, reason):
    with pytest.raises(DatadogAPIError) as error:
        base_url(api_host=api_host)
    assert error.value.message.startswith('api_host %s.' % reason)


def test_the_host_checked_is_the_host_reached():
    with MisbehavingServer([OK], host='127.0.0.2') as datadog:
        client_for(datadog, api_host='HTTP://127.0.0.2:%d/' % datadog.server_address[1]).request('GET', V2_PATH)
    assert datadog.journal[0]['local'].startswith('127.0.0.2:')
    assert dict(datadog.journal[0]['headers'])['Host'] == '127.0.0.2:%d' % datadog.server_address[1]


@pytest.mark.parametrize('path', ['/api/../../admin', '/api/v2/x?y=1', '//evil.example/x', '/api/v2/x#y', 'api/v2/x',
                                  '/api/v2/x\\y', '/api/v2/%2e%2e/x', '/api/v2/x y'])
def test_only_plain_api_paths_are_sent(path):
    with MisbehavingServer([OK]) as datadog:
        with pytest.raises(DatadogAPIError, match='not a plain path'):
            client_for(datadog).request('GET', path)
    assert datadog.journal == []


# --- 4. proxies ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('variable', ['HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'HTTPS_PROXY'])
def test_a_loopback_target_is_never_reached_through_a_proxy(monkeypatch, variable, tls_context, ca_path):
    with MisbehavingServer([OK], host='127.0.0.3') as proxy:
        monkeypatch.setenv(variable, proxy.url)
        tls = variable == 'HTTPS_PROXY'
        with MisbehavingServer([OK], ssl_context=tls_context if tls else None) as datadog:
            client_for(datadog, ca_path=ca_path if tls else None).request('GET', V2_PATH)
    assert proxy.journal == []
    assert len(keys_received(datadog)) == 1


def test_https_to_a_remote_host_goes_through_the_proxy_by_connect_with_no_key_in_clear(monkeypatch):
    with MisbehavingServer([{'status': 502}], host='127.0.0.3') as proxy:
        port = proxy.server_address[1]
        monkeypatch.setenv('HTTPS_PROXY', 'http://proxyuser:proxy-password-42@127.0.0.3:%d' % port)
        client = DatadogClient(API_KEY, APP_KEY, api_host='https://api.datadoghq.invalid', retries=0)
        with pytest.raises(DatadogAPIError) as error:
            client.request('GET', '/api/v2/integration/aws/accounts')
    assert [entry['request_line'][:-3] for entry in proxy.journal] == ['CONNECT api.datadoghq.invalid:443 HTTP/']
    assert keys_received(proxy) == []
    assert 'proxy-password-42' not in error.value.message
    assert_no_key_fragment(error.value.message)


def test_no_proxy_still_applies_to_remote_hosts(monkeypatch):
    with MisbehavingServer([{'status': 502}], host='127.0.0.3') as proxy:
        monkeypatch.setenv('HTTPS_PROXY', proxy.url)
        monkeypatch.setenv('NO_PROXY', '.invalid')
        client = DatadogClient(API_KEY, APP_KEY, api_host='https://api.datadoghq.invalid', retries=0)
        with pytest.raises(DatadogAPIError, match='Could not reach Datadog'):
            client.request('GET', '/api/v2/integration/aws/accounts')
    assert proxy.journal == []


# --- 5. masking before truncation, everywhere ------------------------------------------------------------------

@pytest.mark.parametrize('offset', range(_datadog._ERROR_TEXT_LIMIT - 40, _datadog._ERROR_TEXT_LIMIT + 5, 3))
def test_a_key_near_the_cut_point_is_masked_whole(offset):
    text = 'x' * offset + API_KEY + ' and ' + APP_KEY
    with MisbehavingServer([{'status': 400, 'body': {'errors': [text]}}]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog).request('GET', V2_PATH)
    assert_no_key_fragment(error.value.message)
    assert_no_key_fragment(error.value.errors)


@pytest.mark.parametrize('act', [
    {'status': 200, 'body': '<html>' + 'y' * 280 + API_KEY + '</html>', 'headers': {'Content-Type': 'text/html'}},
    {'status': 200, 'body': 'z', 'headers': {'Content-Type': 'text/' + API_KEY}},
    {'status': 429, 'headers': {'X-RateLimit-Reset': '3600', 'X-RateLimit-Name': 'limit-' + API_KEY}},
    {'status': 400, 'reason': 'Bad ' + APP_KEY, 'body': ''},
    {'status': 404, 'body': {'errors': [{'title': 'T', 'detail': APP_KEY, 'meta': {'field': API_KEY}}]}},
])
def test_every_server_text_is_masked(act, waits):
    with MisbehavingServer([act]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog).request('GET', V2_PATH)
    assert_no_key_fragment(error.value.message)
    assert_no_key_fragment(error.value.errors)
    assert _datadog.REDACTED in error.value.message


def test_describe_masks_an_unusable_answer_before_shortening_it():
    client = DatadogClient(API_KEY, APP_KEY)
    for offset in range(270, 300):
        assert_no_key_fragment(client.describe({'unexpected': 'u' * offset + API_KEY}))


# --- 6. lost answers to writes that are not idempotent ---------------------------------------------------------

@pytest.mark.parametrize('lost', [
    {'drop': True},
    {'status': 502, 'body': '<html><title>502 Bad Gateway</title></html>'},
    {'status': 504, 'body': ''},
    {'trickle': 0.5, 'body': '{"external_id": "d71656bcf0984f02848265fd12d01d97"}'},
    {'raw': 'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{"external_id": "d7165'},  # truncated
])
def test_a_lost_v1_answer_is_never_sent_again(lost, waits):
    with MisbehavingServer([lost, OK]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog, timeout=1, retries=5).request('PUT', V1_PATH, body=V1_BODY, if_lost='Read it first.')
    assert [entry['method'] for entry in datadog.journal] == ['PUT']
    assert waits == []
    assert 'may have reached Datadog, so it was not sent again. Read it first.' in error.value.message


def test_a_rate_limited_write_is_retried_because_datadog_did_not_process_it(waits):
    with MisbehavingServer([{'status': 429, 'headers': {'X-RateLimit-Reset': '1'}}, OK]) as datadog:
        assert client_for(datadog).request('PUT', V1_PATH, body=V1_BODY) == OK['body']
    assert [entry['method'] for entry in datadog.journal] == ['PUT', 'PUT']
    assert len(waits) == 1


def test_a_write_that_never_left_is_retried(closed_port, waits):
    client = DatadogClient(API_KEY, APP_KEY, api_host='http://127.0.0.1:%d' % closed_port, retries=2)
    with pytest.raises(DatadogAPIError) as error:
        client.request('PUT', V1_PATH, body=V1_BODY, if_lost='Read it first.')
    assert len(waits) == 2
    assert 'refused' in error.value.message.lower() and 'Read it first' not in error.value.message


@pytest.mark.parametrize('lost', [{'drop': True}, {'status': 503, 'body': ''}])
def test_a_repeatable_write_and_a_read_are_retried_after_a_lost_answer(lost, waits):
    with MisbehavingServer([lost, OK]) as datadog:
        client_for(datadog).request('POST', V2_PATH, repeatable=True)
    with MisbehavingServer([lost, OK]) as reader:
        client_for(reader).request('GET', '/api/v2/integration/aws/accounts')
    assert len(datadog.journal) == 2 and len(reader.journal) == 2
    assert len(waits) == 2


# --- 8. bounds: size, time, work -------------------------------------------------------------------------------

@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(_datadog, 'MAX_RESPONSE_BYTES', 1024 * 1024)
    return 1024 * 1024


@pytest.mark.parametrize('act', [
    {'size': 2 * 1024 * 1024},
    {'size': 2 * 1024 * 1024, 'declare': False},
    {'raw': 'HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n{'},
])
def test_an_answer_beyond_the_cap_is_refused(small_cap, act):
    with MisbehavingServer([act]) as datadog:
        with pytest.raises(DatadogAPIError, match='more than 1 MiB, the most this collection reads'):
            client_for(datadog, timeout=5).request('GET', V2_PATH)
    assert len(datadog.journal) == 1


def test_a_gzip_bomb_is_refused_without_being_expanded_whole(small_cap):
    bomb = {'body': filler(200 * 1024 * 1024, compress=True), 'headers': {'Content-Encoding': 'gzip'}}
    with MisbehavingServer([bomb]) as datadog:
        client = client_for(datadog, timeout=30)
        tracemalloc.start()
        try:
            with pytest.raises(DatadogAPIError, match='more than 1 MiB'):
                client.request('GET', V2_PATH)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 32 * 1024 * 1024, 'the 200 MiB body was expanded in memory (%d bytes at peak)' % peak


def test_the_default_cap_holds_the_largest_organization():
    account = filler(6 * 1024)
    assert 10000 * len(account) < _datadog.MAX_RESPONSE_BYTES


@pytest.mark.parametrize('act', [
    {'trickle': 0.25, 'body': {'data': 'x' * 200}},
    {'trickle_headers': 0.25, 'body': {'data': 'x'}},
])
def test_timeout_bounds_the_whole_attempt_not_each_read(act, waits):
    with MisbehavingServer([act]) as datadog:
        started = time.monotonic()
        with pytest.raises(DatadogAPIError, match='no complete answer within timeout=1 seconds'):
            client_for(datadog, timeout=1, retries=1).request('GET', V2_PATH)
        elapsed = time.monotonic() - started
    assert len(datadog.journal) == 2 and len(waits) == 1
    # The trickle would take 50 s or more; two attempts of 1 s each must end long before.
    assert elapsed < 10


def test_the_longest_call_is_bounded_by_timeout_retries_and_the_longest_wait(waits):
    with MisbehavingServer([{'status': 429, 'headers': {'X-RateLimit-Reset': '60'}}]) as datadog:
        with pytest.raises(DatadogAPIError):
            client_for(datadog, retries=_datadog.MAX_RETRIES).request('GET', V2_PATH)
    assert len(datadog.journal) == _datadog.MAX_RETRIES + 1
    assert max(waits) <= _datadog.MAX_SINGLE_WAIT and len(waits) == _datadog.MAX_RETRIES


@pytest.mark.parametrize('page', [
    '<title' * 80000,
    '<' * 400000,
    '<script>' * 50000,
    '<style' * 60000 + '</title>',
    '<title>' + 'a<b' * 130000,
])
def test_reading_an_error_page_costs_time_linear_in_its_size(page):
    started = time.monotonic()
    texts = _datadog.raw_error_texts(page.encode('utf-8'))
    assert time.monotonic() - started < 2, 'the old extraction took over a minute on 400 KiB'
    assert all(isinstance(text, str) for text in texts)


# --- 9. no traceback, whatever the answer ----------------------------------------------------------------------

@pytest.mark.parametrize('reset', ['inf', 'nan', '1e309', '-5', '99999999999999999999', '', 'soon', '0x10', '1_0'])
def test_any_rate_limit_reset_header_ends_in_a_wait_or_a_clear_error(reset, waits):
    with MisbehavingServer([{'status': 429, 'headers': {'X-RateLimit-Reset': reset}}, OK]) as datadog:
        assert client_for(datadog).request('GET', V2_PATH) == OK['body']
    assert len(waits) == 1 and 0 < waits[0] <= _datadog.MAX_SINGLE_WAIT


@pytest.mark.parametrize('act, expected', [
    ({'status': 200, 'body': '{"external_id": "\u00e9"}', 'headers': {'Content-Type': 'application/json; charset=x-nonsense'}},
     {'external_id': '\u00e9'}),
    ({'status': 200, 'body': '[' * 100000 + ']' * 100000}, 'not JSON'),
    ({'status': 400, 'body': '{"errors": ' + '[' * 100000 + ']' * 100000 + '}'}, 'HTTP 400'),
    ({'status': 200, 'body': '\xff\xfe not utf-8', 'headers': {'Content-Type': 'application/json; charset=utf-8'}},
     'not JSON'),
    ({'raw': 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnot gzip!!'},
     'a body that cannot be read: its gzip data is broken'),
    ({'raw': 'NONSENSE\r\n\r\n'}, 'No complete answer from Datadog'),
])
def test_broken_answers_end_in_a_result_or_a_clear_error(act, expected, waits):
    with MisbehavingServer([act]) as datadog:
        try:
            outcome = client_for(datadog, retries=0).request('GET', V2_PATH)
        except DatadogAPIError as error:
            outcome = error.message
    if isinstance(expected, dict):
        assert outcome == expected
    else:
        assert expected in outcome


@pytest.mark.parametrize('ca_path, expected', [
    ('/nonexistent/ca.pem', 'ca_path /nonexistent/ca.pem is not a readable file'),
])
def test_a_missing_ca_path_is_a_clear_error(ca_path, expected):
    with pytest.raises(DatadogAPIError, match=expected):
        DatadogClient(API_KEY, APP_KEY, ca_path=ca_path)


def test_a_missing_requests_ca_bundle_is_named(monkeypatch):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/nonexistent/bundle.pem')
    with pytest.raises(DatadogAPIError, match='REQUESTS_CA_BUNDLE /nonexistent/bundle.pem is not a readable'):
        DatadogClient(API_KEY, APP_KEY)


def test_a_ca_path_that_is_no_bundle_is_a_clear_tls_error(tmp_path, tls_context, waits):
    garbage = tmp_path / 'garbage.pem'
    garbage.write_text('not a certificate')
    with MisbehavingServer([OK], ssl_context=tls_context) as datadog:
        with pytest.raises(DatadogAPIError, match='TLS error talking to'):
            client_for(datadog, ca_path=str(garbage)).request('GET', V2_PATH)


def test_validate_certs_false_is_warned_about(tls_context):
    with MisbehavingServer([OK], ssl_context=tls_context) as datadog:
        client = client_for(datadog, validate_certs=False)
        assert client.request('GET', V2_PATH) == OK['body']
    assert any('validate_certs is false' in warning and 'ca_path' in warning for warning in client.warnings)


# --- found by an adversarial review: older urllib3, cuts, spellings, lost writes -----------------------------------

def test_only_the_encodings_asked_for_are_read(small_cap):
    with MisbehavingServer([OK]) as datadog:
        client_for(datadog).request('GET', V2_PATH)
    assert dict(datadog.journal[0]['headers'])['Accept-Encoding'] == 'gzip, deflate'


@pytest.mark.parametrize('encoding', ['br', 'gzip, gzip', 'zstd', 'compress', 'gzip;q=1'])
def test_an_encoding_not_asked_for_is_refused_before_it_is_inflated(encoding, small_cap):
    # urllib3 before 2.6 inflates a whole read at once, and a 2 KB "gzip, gzip" answer to gigabytes.
    bomb = {'body': filler(64 * 1024 * 1024, compress=True), 'headers': {'Content-Encoding': encoding}}
    with MisbehavingServer([bomb]) as datadog:
        with pytest.raises(DatadogAPIError, match='a body that cannot be read: Content-Encoding'):
            client_for(datadog).request('GET', V2_PATH)


@pytest.mark.parametrize('wbits', [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_deflate_with_and_without_its_zlib_header_is_read(wbits):
    compressor = zlib.compressobj(wbits=wbits)
    body = compressor.compress(json.dumps(OK['body']).encode()) + compressor.flush()
    with MisbehavingServer([{'body': body, 'headers': {'Content-Encoding': 'deflate'}}]) as datadog:
        assert client_for(datadog).request('GET', V2_PATH) == OK['body']


def test_a_gzip_answer_cut_short_is_not_taken_as_complete():
    whole = gzip.compress(json.dumps(OK['body']).encode())
    with MisbehavingServer([{'body': whole[:-12], 'headers': {'Content-Encoding': 'gzip'}}]) as datadog:
        with pytest.raises(DatadogAPIError, match='its gzip data ends early'):
            client_for(datadog, retries=0).request('GET', V2_PATH)


@pytest.mark.parametrize('echo', [
    API_KEY,
    ''.join('&#%d;' % ord(character) for character in API_KEY),
    API_KEY[:9] + '\u200b' + API_KEY[9:],
    '\x00'.join(API_KEY),
])
def test_a_page_is_masked_whole_before_it_is_cut(echo):
    # A key straddling the point where a page stops being scanned, behind a large inline style.
    padding = _datadog._PAGE_SCAN_LIMIT - 30
    page = '<html><style>' + 'x' * padding + '</style><body>' + echo + '</body></html>'
    with MisbehavingServer([{'status': 403, 'body': page, 'headers': {'Content-Type': 'text/html'}}]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog).request('GET', V2_PATH)
    assert_no_key_fragment(error.value.message)
    assert_no_key_fragment(error.value.errors)


@pytest.mark.parametrize('location', ['mailto:x', 'urn:x', 'data:,x', 'https:', 'https:///p'])
def test_a_location_without_a_host_is_described_not_crashed_on(location):
    with MisbehavingServer([{'status': 302, 'headers': {'Location': location}}]) as datadog:
        with pytest.raises(DatadogAPIError, match='a redirect to a Location that is not a valid URL'):
            client_for(datadog).request('GET', V2_PATH)


@pytest.mark.parametrize('api_host', ['https://.datadoghq.com', 'https://api..datadoghq.com'])
def test_host_names_the_transport_would_refuse_are_refused_first(api_host):
    with pytest.raises(DatadogAPIError, match='^api_host '):
        base_url(api_host=api_host)


def test_a_key_with_an_undecodable_byte_is_refused_without_a_traceback():
    # os.environ carries a byte that is not UTF-8 as a lone surrogate.
    with pytest.raises(DatadogAPIError, match='^api_key contains a character that is not printable ASCII'):
        DatadogClient(API_KEY + '\udcff', APP_KEY)


@pytest.mark.parametrize('method, repeatable, lost', [('PUT', False, True), ('GET', None, False), ('POST', True, False)])
def test_an_unreadable_success_says_whether_the_write_may_have_happened(method, repeatable, lost):
    page = {'status': 200, 'body': '<html>Welcome</html>', 'headers': {'Content-Type': 'text/html'}}
    with MisbehavingServer([page]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog).request(method, V1_PATH, repeatable=repeatable, if_lost='Read it first.')
    assert ('so it was not sent again. Read it first.' in error.value.message) is lost


def test_a_read_that_exhausted_its_retries_does_not_say_it_was_not_sent_again(closed_port, waits):
    with MisbehavingServer([{'drop': True}]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog, retries=1).request('GET', V2_PATH)
    assert len(datadog.journal) == 2
    assert 'No complete answer from Datadog' in error.value.message and 'not sent again' not in error.value.message


def test_an_untrusted_certificate_means_nothing_was_sent(tls_context, waits):
    with MisbehavingServer([OK], ssl_context=tls_context) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog).request('PUT', V1_PATH, body=V1_BODY, if_lost='Read it first.')
    assert 'Set ca_path' in error.value.message and 'Read it first' not in error.value.message
    assert waits == [] and datadog.journal == []


def test_a_json_answer_nested_beyond_any_datadog_answer_is_refused():
    nested = '[' * 500 + ']' * 500
    with MisbehavingServer([{'status': 200, 'body': nested}]) as datadog:
        with pytest.raises(DatadogAPIError, match='a body that is not JSON'):
            client_for(datadog).request('GET', V2_PATH)


@pytest.mark.parametrize('status, lost', [(400, False), (403, False), (404, False), (409, False), (500, True),
                                          (502, True), (503, True)])
def test_a_refusal_is_not_a_lost_answer(status, lost, waits):
    with MisbehavingServer([{'status': status, 'body': {'errors': ['no']}}]) as datadog:
        with pytest.raises(DatadogAPIError) as error:
            client_for(datadog).request('PUT', V1_PATH, body=V1_BODY, if_lost='Read it first.')
    assert ('not sent again. Read it first.' in error.value.message) is lost
    assert len(datadog.journal) == 1
