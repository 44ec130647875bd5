# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The shared client against real HTTP(S) servers on loopback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import gzip
import json
import os
import re
import time

import pytest
import trustme
from werkzeug import Response

from ansible_collections.ddog.aws.plugins.module_utils import _datadog
from ansible_collections.ddog.aws.plugins.module_utils._datadog import (
    DatadogAPIError,
    DatadogClient,
    base_url,
)
from ansible_collections.ddog.aws.tests.unit.utils import API_KEY, APP_KEY

V2_PATH = '/api/v2/integration/aws/generate_new_external_id'
V1_PATH = '/api/v1/integration/aws/generate_new_external_id'
V2_BODY = {'data': {'id': 'external_id', 'type': 'external_id',
                    'attributes': {'external_id': 'acb8f6b8a844443dbb726d07dcb1a870'}}}
HTML_502 = ('<html><head><title>502 Bad Gateway</title></head>'
            '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>')


def make_client(server, **options):
    settings = dict(api_key=API_KEY, app_key=APP_KEY, api_host=server.url_for('/'), retries=3)
    settings.update(options)
    return DatadogClient(**settings)


def assert_no_key(*texts):
    for text in texts:
        assert API_KEY not in str(text)
        assert APP_KEY not in str(text)


# --- where requests go -------------------------------------------------------------------------------------

@pytest.mark.parametrize('site', _datadog.SITES)
def test_each_site_maps_to_its_api_host(site):
    assert base_url(site=site) == 'https://api.%s' % site


def test_default_site_is_us1():
    assert base_url() == 'https://api.datadoghq.com'


def test_unknown_site_lists_the_known_ones_and_the_way_out():
    with pytest.raises(DatadogAPIError) as error:
        base_url(site='datadoghq.moon')
    message = str(error.value)
    assert "'datadoghq.moon'" in message
    for site in _datadog.SITES:
        assert site in message
    assert 'api_host' in message
    assert error.value.status is None


@pytest.mark.parametrize('api_host, expected', [
    ('https://api.datadoghq.eu', 'https://api.datadoghq.eu'),
    ('https://api.datadoghq.eu/', 'https://api.datadoghq.eu'),
    (' https://proxy.example.com:8443/datadog/ ', 'https://proxy.example.com:8443/datadog'),
    ('http://localhost:8080', 'http://localhost:8080'),
    ('http://127.0.0.5:8080', 'http://127.0.0.5:8080'),
    ('http://[::1]:8080', 'http://[::1]:8080'),
])
def test_api_host_wins_over_site(api_host, expected):
    assert base_url(site='ap1.datadoghq.com', api_host=api_host) == expected


@pytest.mark.parametrize('api_host', ['http://api.datadoghq.eu', 'http://10.0.0.8:8080', 'http://localhost.example.com'])
def test_plain_http_to_a_remote_host_is_refused(api_host):
    with pytest.raises(DatadogAPIError, match='plain HTTP.*use an https:// URL'):
        base_url(api_host=api_host)


@pytest.mark.parametrize('api_host', ['api.datadoghq.eu', 'ftp://api.datadoghq.eu', 'https://'])
def test_api_host_must_be_a_url(api_host):
    with pytest.raises(DatadogAPIError, match='api_host is not a plain URL. It must be a full URL'):
        base_url(api_host=api_host)


def test_plain_http_refusal_sends_nothing(httpserver):
    with pytest.raises(DatadogAPIError):
        DatadogClient(API_KEY, APP_KEY, api_host='http://example.com')
    assert httpserver.log == []


@pytest.mark.parametrize('option, value', [('timeout', 0), ('timeout', -5), ('timeout', 601), ('timeout', 10 ** 30),
                                           ('retries', -1), ('retries', 21)])
def test_nonsense_timeout_and_retries_are_refused(option, value):
    with pytest.raises(DatadogAPIError, match=option):
        DatadogClient(API_KEY, APP_KEY, **{option: value})


# --- what is sent ------------------------------------------------------------------------------------------

def test_post_without_body_sends_keys_user_agent_and_nothing_else(httpserver):
    httpserver.expect_oneshot_request(V2_PATH, method='POST').respond_with_json(V2_BODY)
    assert make_client(httpserver).request('POST', V2_PATH) == V2_BODY
    request, _response = httpserver.log[0]
    assert request.headers['DD-API-KEY'] == API_KEY
    assert request.headers['DD-APPLICATION-KEY'] == APP_KEY
    assert request.headers['Accept'] == 'application/json'
    assert 'gzip' in request.headers['Accept-Encoding']
    assert re.match(r'^ddog\.aws/%s \(ansible-core \d+\.\d+' % re.escape(_datadog.COLLECTION_VERSION),
                    request.headers['User-Agent'])
    assert request.get_data() == b''
    assert 'Content-Type' not in request.headers


def test_put_sends_exactly_the_json_body(httpserver):
    httpserver.expect_oneshot_request(V1_PATH, method='PUT').respond_with_json({'external_id': 'abc'})
    body = {'account_id': '123456789012', 'role_name': 'DatadogIntegrationRole'}
    make_client(httpserver).request('PUT', V1_PATH, body=body)
    request, _response = httpserver.log[0]
    assert request.headers['Content-Type'] == 'application/json'
    assert json.loads(request.get_data()) == body


def test_query_parameters_are_encoded(httpserver):
    httpserver.expect_oneshot_request('/api/v2/integration/aws/accounts', query_string='aws_account_id=123456789012')\
        .respond_with_json({'data': []})
    assert make_client(httpserver).request(
        'GET', '/api/v2/integration/aws/accounts', query={'aws_account_id': '123456789012'}) == {'data': []}


def test_user_agent_version_is_the_collection_version():
    galaxy = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'galaxy.yml')
    with open(galaxy) as handle:
        version = re.search(r'^version:\s*(\S+)', handle.read(), re.MULTILINE).group(1)
    assert _datadog.COLLECTION_VERSION == version


# --- what is accepted --------------------------------------------------------------------------------------

@pytest.mark.parametrize('content_type', ['application/json', 'application/vnd.api+json',
                                          'application/json; charset=utf-8', 'text/plain'])
def test_any_content_type_carrying_json_is_read(httpserver, content_type):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_data(json.dumps(V2_BODY), content_type=content_type)
    assert make_client(httpserver).request('POST', V2_PATH) == V2_BODY


def test_gzip_encoded_body_is_decoded(httpserver):
    body = gzip.compress(b'{"external_id":"0010246d04a249f3aaeeac8d46904979"}')
    httpserver.expect_oneshot_request(V1_PATH).respond_with_data(
        body, content_type='application/json', headers={'Content-Encoding': 'gzip'})
    assert make_client(httpserver).request('PUT', V1_PATH, body={}) == {'external_id': '0010246d04a249f3aaeeac8d46904979'}


def test_empty_success_body_is_none(httpserver):
    httpserver.expect_oneshot_request('/x').respond_with_data('', status=204)
    assert make_client(httpserver).request('DELETE', '/x') is None


def test_non_json_success_body_is_a_clear_error(httpserver):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_data('<html>Login</html>', content_type='text/html')
    with pytest.raises(DatadogAPIError) as error:
        make_client(httpserver).request('POST', V2_PATH)
    assert 'not JSON (text/html)' in error.value.message
    assert error.value.status == 200


@pytest.mark.parametrize('status, body, content_type, expected', [
    (403, '{"errors": ["Forbidden"]}', 'application/json', ['Forbidden']),
    (403, json.dumps({'status': 'error', 'code': 403, 'errors': ['Forbidden'],
                      'statuspage': 'http://status.datadoghq.com'}), 'application/json', ['Forbidden']),
    (400, '{"errors": ["Required parameter \'account_id\' is missing"]}', 'application/json',
     ["Required parameter 'account_id' is missing"]),
    (404, json.dumps({'errors': [{'status': '404', 'title': 'Account not found',
                                  'detail': 'AWS account with provided id is not integrated'}], 'meta': {}}),
     'application/vnd.api+json', ['Account not found: AWS account with provided id is not integrated']),
    (404, '{"errors": [{"status": "404"}]}', 'application/vnd.api+json', ['{"status": "404"}']),
    (401, '{"message": "Unauthorized"}', 'application/json', ['Unauthorized']),
    (400, HTML_502.replace('502 Bad Gateway', '400 Bad Request'), 'text/html', ['400 Bad Request']),
    (404, 'no such route', 'text/plain', ['no such route']),
    (405, '', 'text/plain', []),
])
def test_error_shapes_yield_the_api_texts_status_and_call(httpserver, status, body, content_type, expected):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_data(body, status=status, content_type=content_type)
    with pytest.raises(DatadogAPIError) as error:
        make_client(httpserver).request('POST', V2_PATH)
    assert error.value.status == status
    assert error.value.errors == expected
    assert error.value.method == 'POST' and error.value.path == V2_PATH
    message = error.value.message
    assert message.startswith('Datadog API POST %s failed with HTTP %d' % (V2_PATH, status))
    for text in expected:
        assert text in message
    assert len(httpserver.log) == 1, '4xx answers other than 429 are never retried'


def test_forbidden_says_what_to_check(httpserver):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_json({'errors': ['Forbidden']}, status=403)
    with pytest.raises(DatadogAPIError, match='site.*permission'):
        make_client(httpserver).request('POST', V2_PATH)


def test_long_html_page_is_shortened(httpserver):
    page = '<html><body>' + 'gateway trouble ' * 100 + '</body></html>'
    httpserver.expect_oneshot_request(V2_PATH).respond_with_data(page, status=400, content_type='text/html')
    with pytest.raises(DatadogAPIError) as error:
        make_client(httpserver).request('POST', V2_PATH)
    assert len(error.value.errors[0]) <= _datadog._ERROR_TEXT_LIMIT + 3
    assert '<' not in error.value.message


# --- retries -----------------------------------------------------------------------------------------------

def rate_limited(reset=None, header_case='X-RateLimit-Reset'):
    headers = {'X-RateLimit-Limit': '20', 'X-RateLimit-Period': '5', 'X-RateLimit-Remaining': '0',
               'X-RateLimit-Name': 'aws_integration'}
    if reset is not None:
        headers[header_case] = str(reset)
    return Response('{"errors": ["Too many requests"]}', status=429, headers=headers, content_type='application/json')


@pytest.mark.parametrize('header_case', ['X-RateLimit-Reset', 'x-ratelimit-reset', 'X-Ratelimit-Reset'])
def test_429_waits_what_the_reset_header_says(httpserver, waits, header_case):
    httpserver.expect_ordered_request(V2_PATH).respond_with_response(rate_limited(3, header_case))
    httpserver.expect_ordered_request(V2_PATH).respond_with_response(rate_limited(1, header_case))
    httpserver.expect_ordered_request(V2_PATH).respond_with_json(V2_BODY)
    assert make_client(httpserver).request('POST', V2_PATH) == V2_BODY
    assert len(waits) == 2
    low, high = _datadog.RESET_JITTER
    assert 3 + low <= waits[0] <= 3 + high
    assert 1 + low <= waits[1] <= 1 + high
    assert len(httpserver.log) == 3


def test_429_without_reset_header_backs_off_exponentially(httpserver, waits):
    for _attempt in range(3):
        httpserver.expect_ordered_request(V2_PATH).respond_with_response(rate_limited())
    httpserver.expect_ordered_request(V2_PATH).respond_with_json(V2_BODY)
    make_client(httpserver).request('POST', V2_PATH)
    assert len(waits) == 3
    for attempt, wait in enumerate(waits):
        full = _datadog.BACKOFF_BASE * 2 ** attempt
        assert full / 2 <= wait <= full


def test_429_with_a_reset_beyond_the_cap_fails_at_once(httpserver, waits):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_response(rate_limited(3600))
    with pytest.raises(DatadogAPIError) as error:
        make_client(httpserver).request('POST', V2_PATH)
    assert waits == []
    assert error.value.status == 429
    assert 'aws_integration' in error.value.message and '3600 seconds' in error.value.message
    assert error.value.errors == ['Too many requests']


def test_429_storm_exhausts_the_retries_and_says_so(httpserver, waits):
    httpserver.expect_request(V2_PATH).respond_with_response(rate_limited(2))
    with pytest.raises(DatadogAPIError) as error:
        make_client(httpserver, retries=2).request('POST', V2_PATH)
    assert len(httpserver.log) == 3
    assert len(waits) == 2
    assert error.value.status == 429
    assert 'after 3 attempts' in error.value.message and 'rate limited' in error.value.message


def test_no_wait_is_ever_longer_than_the_cap(httpserver, waits):
    httpserver.expect_ordered_request(V2_PATH).respond_with_response(rate_limited(_datadog.MAX_SINGLE_WAIT))
    httpserver.expect_ordered_request(V2_PATH).respond_with_json(V2_BODY)
    make_client(httpserver).request('POST', V2_PATH)
    assert waits == [_datadog.MAX_SINGLE_WAIT]
    assert _datadog._backoff(30) <= _datadog.MAX_SINGLE_WAIT


@pytest.mark.parametrize('status', [500, 502, 503, 504])
def test_server_errors_are_retried_with_backoff(httpserver, waits, status):
    httpserver.expect_ordered_request(V2_PATH).respond_with_data(HTML_502, status=status, content_type='text/html')
    httpserver.expect_ordered_request(V2_PATH).respond_with_data(HTML_502, status=status, content_type='text/html')
    httpserver.expect_ordered_request(V2_PATH).respond_with_json(V2_BODY)
    assert make_client(httpserver).request('POST', V2_PATH, repeatable=True) == V2_BODY
    assert len(waits) == 2
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0


def test_html_gateway_error_after_retries_is_readable(httpserver, waits):
    httpserver.expect_request(V2_PATH).respond_with_data(HTML_502, status=502, content_type='text/html')
    with pytest.raises(DatadogAPIError) as error:
        make_client(httpserver, retries=1).request('GET', V2_PATH)
    assert error.value.status == 502
    assert error.value.errors == ['502 Bad Gateway']
    assert re.match(r'^Datadog API GET %s failed with HTTP 502 [A-Za-z ]+: 502 Bad Gateway \(after 2 attempts\)\.$'
                    % V2_PATH, error.value.message)
    assert len(waits) == 1


@pytest.mark.parametrize('status', [400, 401, 403, 404, 409, 422])
def test_client_errors_are_never_retried(httpserver, waits, status):
    httpserver.expect_request(V2_PATH).respond_with_json({'errors': ['nope']}, status=status)
    with pytest.raises(DatadogAPIError):
        make_client(httpserver).request('POST', V2_PATH)
    assert len(httpserver.log) == 1
    assert waits == []


def test_retries_zero_means_one_attempt(httpserver, waits):
    httpserver.expect_request(V2_PATH).respond_with_response(rate_limited(1))
    with pytest.raises(DatadogAPIError):
        make_client(httpserver, retries=0).request('POST', V2_PATH)
    assert len(httpserver.log) == 1
    assert waits == []


def test_connection_refused_is_retried_then_explained(closed_port, waits):
    client = DatadogClient(API_KEY, APP_KEY, api_host='http://127.0.0.1:%d' % closed_port, retries=2)
    with pytest.raises(DatadogAPIError) as error:
        client.request('POST', V2_PATH)
    assert len(waits) == 2
    message = error.value.message
    assert message.startswith('Could not reach Datadog at http://127.0.0.1:%d for POST %s (3 attempt(s)):'
                              % (closed_port, V2_PATH))
    assert 'refused' in message.lower()
    assert error.value.status is None
    assert_no_key(message)


def test_read_timeout_is_retried(httpserver, waits):
    def slow(_request):
        time.sleep(1.5)
        return Response('{}', content_type='application/json')

    httpserver.expect_ordered_request(V2_PATH).respond_with_handler(slow)
    httpserver.expect_ordered_request(V2_PATH).respond_with_json(V2_BODY)
    assert make_client(httpserver, timeout=1).request('GET', V2_PATH) == V2_BODY
    assert len(waits) == 1


# --- TLS ---------------------------------------------------------------------------------------------------

def test_tls_verified_with_the_given_ca(tls_server):
    tls_server.expect_request(V2_PATH).respond_with_json(V2_BODY)
    client = DatadogClient(API_KEY, APP_KEY, api_host=tls_server.url_for('/'), ca_path=tls_server.ca_path)
    assert client.request('POST', V2_PATH) == V2_BODY


def test_untrusted_certificate_fails_without_retry_and_names_the_fix(tls_server, waits):
    tls_server.expect_request(V2_PATH).respond_with_json(V2_BODY)
    client = DatadogClient(API_KEY, APP_KEY, api_host=tls_server.url_for('/'))
    with pytest.raises(DatadogAPIError) as error:
        client.request('POST', V2_PATH)
    assert 'CERTIFICATE_VERIFY_FAILED' in error.value.message
    assert 'ca_path' in error.value.message
    assert waits == []
    assert tls_server.log == []


def test_requests_ca_bundle_does_not_override_ca_path(tls_server, monkeypatch, tmp_path):
    unrelated = tmp_path / 'unrelated.pem'
    trustme.CA().cert_pem.write_to_path(str(unrelated))
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', str(unrelated))
    tls_server.expect_request(V2_PATH).respond_with_json(V2_BODY)
    client = DatadogClient(API_KEY, APP_KEY, api_host=tls_server.url_for('/'), ca_path=tls_server.ca_path)
    assert client.request('POST', V2_PATH) == V2_BODY


def test_validate_certs_false_skips_verification(tls_server):
    tls_server.expect_request(V2_PATH).respond_with_json(V2_BODY)
    client = DatadogClient(API_KEY, APP_KEY, api_host=tls_server.url_for('/'), validate_certs=False)
    assert client.request('POST', V2_PATH) == V2_BODY


# --- secrets -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize('status, body', [
    (403, '{"errors": ["API key %s is invalid"]}' % API_KEY),
    (400, '<html><title>bad app key %s</title></html>' % APP_KEY),
    (429, '{"errors": ["slow down %s"]}' % API_KEY),
    (502, 'upstream said %s' % APP_KEY),
])
def test_keys_echoed_by_the_server_are_redacted(httpserver, waits, status, body):
    httpserver.expect_request(V2_PATH).respond_with_data(body, status=status)
    with pytest.raises(DatadogAPIError) as error:
        make_client(httpserver, retries=1).request('POST', V2_PATH)
    assert_no_key(error.value.message, error.value.errors, error.value, repr(error.value.args))
    assert _datadog.REDACTED in error.value.message


def test_keys_absent_from_every_failure_message(closed_port, tls_server, httpserver, waits):
    messages = []
    for api_host in ('http://127.0.0.1:%d' % closed_port, tls_server.url_for('/'), 'http://example.com'):
        try:
            DatadogClient(API_KEY, APP_KEY, api_host=api_host, retries=0).request('POST', V2_PATH)
        except DatadogAPIError as error:
            messages.append(error)
    httpserver.expect_request(V2_PATH).respond_with_json({'errors': ['Forbidden']}, status=403)
    try:
        make_client(httpserver).request('POST', V2_PATH)
    except DatadogAPIError as error:
        messages.append(error)
    assert len(messages) == 4
    for error in messages:
        assert_no_key(error.message, error.errors, error.fail_json_kwargs())
