# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Datadog API emulator answers as Datadog's recorded exchanges do, so its verdicts can be trusted."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import subprocess
import sys
import threading
import time

import pytest
import requests

from ansible_collections.ddog.aws.tests.emulator import datadog_emulator as emulator

V2_PATH = '/api/v2/integration/aws/generate_new_external_id'
V1_PATH = '/api/v1/integration/aws/generate_new_external_id'
ACCOUNTS_PATH = '/api/v2/integration/aws/accounts'
KEYS = {'DD-API-KEY': emulator.DEFAULT_API_KEY, 'DD-APPLICATION-KEY': emulator.DEFAULT_APP_KEY}
HEX32 = re.compile(r'^[0-9a-f]{32}$')
UUID4 = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')
FAKE_SECRET = 'fake-secret-access-key-never-answered'
ROLE = {'role_name': 'DatadogIntegrationRole'}
UNKNOWN_CONFIG_ID = '448169a8-251c-4344-abee-1c4edef39f7a'
# Recorded answers, verbatim (go client and Terraform cassettes): a create that sent only the required members,
# account tags and the Terraform defaults (2025-08-22), and the partial PATCH of 2025-08-06 with its create.
RECORDED_KEYS_CREATE = (
    '{"data":{"id":"ddd87a6e-0499-4518-b2cc-66c3d62e22f3","type":"account","attributes":{"account_tags":'
    '["tag:tf-TestAccIntegrationAwsAccountKeyBased-local-1755885747"],"auth_config":{"access_key_id":"AKIA101525699545"},'
    '"aws_account_id":"101525699545","aws_partition":"aws","aws_regions":{"include_all":true},'
    '"created_at":"2025-08-22T18:02:28.65971517Z","logs_config":{"lambda_forwarder":{"lambdas":[],"sources":[],'
    '"log_source_config":{"tag_filters":[]}}},"metrics_config":{"enabled":true,"automute_enabled":true,'
    '"collect_custom_metrics":false,"collect_cloudwatch_alarms":false,"tag_filters":[],"namespace_filters":'
    '{"exclude_only":["AWS/SQS","AWS/ElasticMapReduce","AWS/Usage"]}},"modified_at":"2025-08-22T18:02:28.65971517Z",'
    '"resources_config":{"cloud_security_posture_management_collection":false,"extended_collection":true},'
    '"traces_config":{"xray_services":{"include_only":[]}}}}}')
RECORDED_GIVEN_CREATE = {'data': {'attributes': {
    'account_tags': ['key:value'], 'auth_config': {'role_name': 'DatadogIntegrationRole'},
    'aws_account_id': '123456789012', 'aws_partition': 'aws', 'aws_regions': {'include_only': ['us-east-1']},
    'logs_config': {'lambda_forwarder': {
        'lambdas': ['arn:aws:lambda:us-east-1:123456789012:function:DatadogLambdaLogForwarder'],
        'log_source_config': {'tag_filters': [{'source': 's3', 'tags': ['test:test']}]}, 'sources': ['s3']}},
    'metrics_config': {'automute_enabled': True, 'collect_cloudwatch_alarms': False, 'collect_custom_metrics': False,
                       'enabled': True, 'namespace_filters': {'include_only': ['AWS/EC2']},
                       'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['key:value']}]},
    'resources_config': {'cloud_security_posture_management_collection': False, 'extended_collection': False},
    'traces_config': {'xray_services': {'include_only': ['AWS/AppSync']}}}, 'type': 'account'}}
RECORDED_PARTIAL_PATCH = {'data': {'attributes': {
    'account_tags': ['key:value'], 'auth_config': {'role_name': 'DatadogIntegrationRole'},
    'aws_account_id': '123456789012', 'aws_partition': 'aws',
    'logs_config': {'lambda_forwarder': {
        'lambdas': ['arn:aws:lambda:us-east-1:123456789012:function:DatadogLambdaLogForwarder'],
        'log_source_config': {'tag_filters': [{'source': 's3', 'tags': ['test:test']}]}, 'sources': ['s3']}},
    'metrics_config': {'automute_enabled': True, 'collect_cloudwatch_alarms': True, 'collect_custom_metrics': True,
                       'enabled': True, 'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['key:value']}]},
    'resources_config': {'cloud_security_posture_management_collection': False, 'extended_collection': False},
    'traces_config': {}}, 'type': 'account'}}
RECORDED_PARTIAL_PATCH_ANSWER = (
    '{"data":{"id":"ab6528e3-5dab-4375-ae47-4ce93d1216e2","type":"account","attributes":{"account_tags":["key:value"],'
    '"auth_config":{"role_name":"DatadogIntegrationRole","external_id":"36416390710445e7be511e1622ee4149"},'
    '"aws_account_id":"123456789012","aws_partition":"aws","aws_regions":{"include_only":["us-east-1"]},'
    '"created_at":"2025-08-06T17:41:52.510132Z","logs_config":{"lambda_forwarder":{"lambdas":'
    '["arn:aws:lambda:us-east-1:123456789012:function:DatadogLambdaLogForwarder"],"sources":["s3"],'
    '"log_source_config":{"tag_filters":[{"source":"s3","tags":["test:test"]}]}}},"metrics_config":{"enabled":true,'
    '"automute_enabled":true,"collect_custom_metrics":true,"collect_cloudwatch_alarms":true,"tag_filters":'
    '[{"namespace":"AWS/EC2","tags":["key:value"]}],"namespace_filters":{"include_only":["AWS/EC2"]}},'
    '"modified_at":"2025-08-06T17:41:52.717094345Z","resources_config":{"cloud_security_posture_management_collection":'
    'false,"extended_collection":false},"traces_config":{"xray_services":{"include_only":["AWS/AppSync"]}}}}}')


def envelope(**attributes):
    return {'data': {'type': 'account', 'attributes': attributes}}


def account_path(config_id):
    return ACCOUNTS_PATH + '/' + config_id


def create(datadog, aws_account_id='123456789012', **attributes):
    """POST an account config: role auth in the aws partition unless told otherwise."""
    attributes.setdefault('aws_partition', 'aws')
    attributes.setdefault('auth_config', ROLE)
    return datadog.call('POST', ACCOUNTS_PATH, json=envelope(aws_account_id=aws_account_id, **attributes))


def created(datadog, aws_account_id='123456789012', **attributes):
    response = create(datadog, aws_account_id, **attributes)
    assert response.status_code == 200, response.text
    return response.json()['data']


def patch(datadog, config_id, aws_account_id='123456789012', **attributes):
    return datadog.call('PATCH', account_path(config_id), json=envelope(aws_account_id=aws_account_id, **attributes))


def patched(datadog, config_id, aws_account_id='123456789012', **attributes):
    response = patch(datadog, config_id, aws_account_id, **attributes)
    assert response.status_code == 200, response.text
    return response.json()['data']


def anonymised(text):
    """An answer's text with what differs between runs (config ID, external ID, times) replaced by placeholders."""
    text = re.sub(r'"id":"[0-9a-f-]{36}"', '"id":"<config id>"', text)
    text = re.sub(r'"external_id":"[0-9a-f]{32}"', '"external_id":"<external id>"', text)
    return re.sub(r'"(created_at|modified_at)":"[^"]*"', r'"\1":"<time>"', text)


def test_v2_mints_a_fresh_id_in_datadogs_shape(datadog):
    first = datadog.call('POST', V2_PATH)
    second = datadog.call('POST', V2_PATH)
    assert first.status_code == 200
    assert first.headers['Content-Type'] == 'application/vnd.api+json'
    assert re.match(r'^\{"data":\{"id":"[0-9a-f]{32}","type":"external_id","attributes":\{"external_id":"[0-9a-f]{32}"\}\}\}$',
                    first.text)
    ids = [response.json()['data']['attributes']['external_id'] for response in (first, second)]
    assert all(HEX32.match(value) for value in ids) and ids[0] != ids[1]
    minted = datadog.control('GET', 'state')['minted']
    assert [(entry['source'], entry['external_id']) for entry in minted] == [('v2', value) for value in ids]


@pytest.mark.parametrize('keys', [{}, {'DD-API-KEY': emulator.DEFAULT_API_KEY},
                                  {'DD-API-KEY': 'wrong', 'DD-APPLICATION-KEY': emulator.DEFAULT_APP_KEY},
                                  {'dd-api-key': emulator.DEFAULT_API_KEY, 'dd-application-key': 'wrong'}])
def test_wrong_or_missing_keys_get_datadogs_403(datadog, keys):
    response = datadog.call('POST', V2_PATH, keys=keys)
    assert response.status_code == 403
    assert response.json() == emulator.FORBIDDEN_BODY
    assert response.headers['Content-Type'] == 'application/json'
    assert response.headers['Via'] == 'haproxy'
    assert not [name for name in response.headers if name.lower().startswith('x-ratelimit')], 'none in the recording'
    assert datadog.control('GET', 'state')['minted'] == []


def test_wrong_keys_do_not_use_up_the_rate_limit(datadog):
    datadog.control('POST', 'rate_limit', {'limit': 2, 'period': 60})
    for _call in range(3):
        assert datadog.call('POST', V2_PATH, keys={'DD-API-KEY': 'wrong', 'DD-APPLICATION-KEY': 'wrong'}).status_code == 403
    first = datadog.call('POST', V2_PATH)
    assert first.status_code == 200 and first.headers['x-ratelimit-remaining'] == '1'
    assert datadog.call('POST', V2_PATH).status_code == 200
    assert datadog.call('POST', V2_PATH).status_code == 429


def test_a_key_without_the_routes_permission_gets_403(datadog):
    datadog.control('POST', 'accounts', {'aws_account_id': '123456789012', 'role_name': 'DatadogRole'})
    state = datadog.control('POST', 'permissions', {'permissions': ['aws_configuration_read']})
    assert state['permissions'] == ['aws_configuration_read']
    assert datadog.call('GET', ACCOUNTS_PATH).status_code == 200
    for method, path, body in (('POST', V2_PATH, None),
                               ('PUT', V1_PATH, {'account_id': '123456789012', 'role_name': 'DatadogRole'})):
        refused = datadog.call(method, path, json=body)
        assert refused.status_code == 403
        assert refused.json() == {'errors': ['Forbidden']}
        assert refused.headers['Content-Type'] == 'application/json'
    assert datadog.control('GET', 'state')['minted'][1:] == [], 'only the seeded ID'
    datadog.control('POST', 'permissions', {'permissions': ['aws_configuration_edit']})
    assert datadog.call('GET', ACCOUNTS_PATH).status_code == 403
    assert datadog.call('POST', V2_PATH).status_code == 200
    assert datadog.control('POST', 'reset')['permissions'] is None


def test_key_header_names_are_case_insensitive(datadog):
    response = datadog.call('POST', V2_PATH, keys={name.lower(): value for name, value in KEYS.items()})
    assert response.status_code == 200


@pytest.mark.parametrize('body, missing', [({}, 'account_id'), ({'account_id': '123456789012'}, 'role_name')])
def test_v1_without_a_required_field_is_datadogs_400(datadog, body, missing):
    response = datadog.call('PUT', V1_PATH, json=body)
    assert response.status_code == 400
    assert response.headers['Content-Type'] == 'application/json'
    assert response.json() == {'errors': ["Required parameter '%s' is missing" % missing]}


def test_v1_rotates_the_id_of_an_integrated_account(datadog):
    account = datadog.control('POST', 'accounts', {'aws_account_id': '123456789012', 'role_name': 'DatadogRole'})
    previous = account['attributes']['auth_config']['external_id']
    response = datadog.call('PUT', V1_PATH, json={'account_id': '123456789012', 'role_name': 'DatadogRole'})
    assert response.status_code == 200
    assert response.headers['Content-Encoding'] == 'gzip', 'as recorded, v1 answers gzip when the client accepts it'
    new_id = response.json()['external_id']
    assert HEX32.match(new_id) and new_id != previous
    state = datadog.control('GET', 'state')
    assert state['rotations'] == [{'aws_account_id': '123456789012', 'role_name': 'DatadogRole',
                                   'previous': previous, 'external_id': new_id}]
    assert state['accounts'][0]['attributes']['auth_config']['external_id'] == new_id
    assert 'X-Ratelimit-Limit' in response.raw.headers.keys()


def test_v1_for_an_account_that_is_not_integrated_fails(datadog):
    response = datadog.call('PUT', V1_PATH, json={'account_id': '123456789012', 'role_name': 'DatadogRole'})
    assert response.status_code == 400
    assert 'not integrated' in response.json()['errors'][0]
    assert datadog.control('GET', 'state')['rotations'] == []


def test_account_listing_and_filter(datadog):
    datadog.control('POST', 'accounts', {'aws_account_id': '111111111111', 'role_name': 'DatadogIntegrationRole'})
    datadog.control('POST', 'accounts', {'aws_account_id': '222222222222', 'access_key_id': 'AKIA222222222222'})
    everything = datadog.call('GET', ACCOUNTS_PATH).json()['data']
    assert [item['attributes']['aws_account_id'] for item in everything] == ['111111111111', '222222222222']
    only = datadog.call('GET', ACCOUNTS_PATH, params={'aws_account_id': '222222222222'}).json()['data']
    assert len(only) == 1 and only[0]['type'] == 'account'
    assert only[0]['attributes']['auth_config'] == {'access_key_id': 'AKIA222222222222'}
    assert only[0]['attributes']['aws_partition'] == 'aws'
    assert datadog.call('GET', ACCOUNTS_PATH, params={'aws_account_id': '999999999999'}).json() == {'data': []}


def test_iam_permissions_endpoints(datadog):
    lists = {}
    for scope in ('', '/standard', '/resource_collection'):
        response = datadog.call('GET', '/api/v2/integration/aws/iam_permissions' + scope)
        assert response.status_code == 200
        body = response.json()
        assert body['data']['id'] == 'permissions' and body['data']['type'] == 'permissions'
        lists[scope] = body['data']['attributes']['permissions']
    assert 'ec2:Describe*' in lists['/standard']
    assert set(lists['']) == set(lists['/standard']) | set(lists['/resource_collection'])


def test_available_namespaces_and_log_services_as_recorded(datadog):
    namespaces = datadog.call('GET', '/api/v2/integration/aws/available_namespaces')
    assert namespaces.status_code == 200 and namespaces.headers['Content-Type'] == 'application/vnd.api+json'
    assert namespaces.text.startswith('{"data":{"id":"namespaces","type":"namespaces","attributes":{"namespaces":['
                                      '"AWS/ApiGateway","AWS/AppRunner",')
    catalogue = namespaces.json()['data']['attributes']['namespaces']
    assert len(catalogue) == len(set(catalogue)) == 114
    assert catalogue != sorted(catalogue), 'catalogue order, not alphabetical'
    assert catalogue.index('AWS/ELB') == catalogue.index('AWS/CertificateManager') + 1
    assert {'Glue', 'WAF', '/aws/sagemaker/Endpoints', 'AWS/Usage'} <= set(catalogue)
    services = datadog.call('GET', '/api/v2/integration/aws/logs/services')
    # Terraform's recording of 2024-12-09, the newest.
    assert services.text == ('{"data":{"id":"logs_services","type":"logs_services","attributes":{"logs_services":['
                             '"apigw-access-logs","apigw-execution-logs","cloudfront","cloudtrail","elb","elbv2",'
                             '"lambda","lambda-edge","redshift","s3","ssm","states","waf"]}}}')


def test_unknown_route_and_wrong_method(datadog):
    assert datadog.call('GET', '/api/v2/nothing').status_code == 404
    wrong_method = datadog.call('GET', V2_PATH)
    assert wrong_method.status_code == 405
    assert wrong_method.headers['Allow'] == 'POST'
    assert wrong_method.headers['Content-Type'] == 'application/json'
    assert wrong_method.json() == {'errors': ['Method Not Allowed']}


def test_create_fills_every_default_as_recorded_and_never_answers_the_secret(datadog):
    response = create(datadog, '101525699545', account_tags=['tag:tf-TestAccIntegrationAwsAccountKeyBased-local-1755885747'],
                      auth_config={'access_key_id': 'AKIA101525699545', 'secret_access_key': FAKE_SECRET})
    assert response.status_code == 200
    assert response.headers['Content-Type'] == 'application/vnd.api+json'
    assert anonymised(response.text) == anonymised(RECORDED_KEYS_CREATE)
    account = response.json()['data']
    assert UUID4.match(account['id'])
    assert account['attributes']['created_at'] == account['attributes']['modified_at']
    for answer in (response, datadog.call('GET', account_path(account['id'])), datadog.call('GET', ACCOUNTS_PATH)):
        assert answer.status_code == 200 and FAKE_SECRET not in answer.text
    assert FAKE_SECRET not in json.dumps(datadog.control('GET', 'state'))


def test_create_with_a_role_and_no_external_id_mints_one(datadog):
    account = created(datadog, account_tags=[], auth_config={'role_name': 'DatadogIntegrationRole'})
    auth = account['attributes']['auth_config']
    assert list(auth) == ['role_name', 'external_id'] and HEX32.match(auth['external_id'])
    minted = datadog.control('GET', 'state')['minted']
    assert [(entry['source'], entry['external_id']) for entry in minted] == [('account', auth['external_id'])]


def test_create_ignores_a_client_data_id(datadog):
    body = envelope(aws_account_id='123456789012', aws_partition='aws', auth_config=ROLE)
    body['data']['id'] = '00000000-abcd-0001-0000-000000000000'
    response = datadog.call('POST', ACCOUNTS_PATH, json=body)
    assert response.status_code == 200
    assert UUID4.match(response.json()['data']['id'])


def test_timestamps_in_nanoseconds_when_written_in_microseconds_when_read(datadog, monkeypatch):
    # The recorded instants of the 2025-08-06 create and PATCH.
    monkeypatch.setattr(emulator.time, 'time_ns', lambda: 1754502112510132689)
    attributes = created(datadog)['attributes']
    assert attributes['created_at'] == attributes['modified_at'] == '2025-08-06T17:41:52.510132689Z'
    config_id = datadog.call('GET', ACCOUNTS_PATH).json()['data'][0]['id']
    read = datadog.call('GET', account_path(config_id)).json()['data']['attributes']
    assert read['created_at'] == read['modified_at'] == '2025-08-06T17:41:52.510132Z'
    monkeypatch.setattr(emulator.time, 'time_ns', lambda: 1754502112717094345)
    attributes = patched(datadog, config_id, account_tags=['team:a'])['attributes']
    assert attributes['created_at'] == '2025-08-06T17:41:52.510132Z'
    assert attributes['modified_at'] == '2025-08-06T17:41:52.717094345Z'


@pytest.mark.parametrize('nanoseconds, digits, printed', [
    (1755885762629439350, 9, '2025-08-22T18:02:42.62943935Z'),
    (1755885762629439350, 6, '2025-08-22T18:02:42.629439Z'),
    (1723676217488440000, 6, '2024-08-14T22:56:57.48844Z'),
    (1723676217000000999, 6, '2024-08-14T22:56:57Z'),
])
def test_timestamps_trim_trailing_zeros_as_go_does(nanoseconds, digits, printed):
    assert emulator.timestamp(nanoseconds, digits) == printed


def test_create_of_an_integrated_aws_account_is_a_409(datadog):
    created(datadog)
    response = create(datadog, account_tags=['other:tags'], aws_regions={'include_only': ['eu-west-1']})
    assert response.status_code == 409
    assert response.text == ('{"errors":[{"status":"409","title":"Account already exists",'
                             '"detail":"AWS account with provided id already exists"}]}')
    assert len(datadog.call('GET', ACCOUNTS_PATH).json()['data']) == 1


def test_bad_partition_is_the_recorded_400(datadog):
    response = create(datadog, aws_partition='aws-invalid')
    assert response.status_code == 400
    assert response.headers['Content-Type'] == 'application/vnd.api+json'
    assert response.text == ('{"errors":[{"status":"400","title":"Bad Request","detail":"invalid value",'
                             '"meta":{"aws_partition":"invalid partition: aws-invalid"}}]}')
    assert datadog.call('GET', ACCOUNTS_PATH).json() == {'data': []}


@pytest.mark.parametrize('member', ['include_only', 'exclude_only'])
def test_unknown_namespaces_are_refused_by_the_catalogue(datadog, member):
    response = create(datadog, metrics_config={'namespace_filters': {member: ['AWS/EC2', 'AWS/Bedrock/Guardrails',
                                                                              'AWS/Nothing']}})
    assert response.status_code == 400
    assert response.json() == {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'invalid value', 'meta': {
        'metrics_config.namespace_filters.' + member: 'invalid namespaces: [AWS/Bedrock/Guardrails AWS/Nothing]'}}]}
    assert created(datadog, metrics_config={'namespace_filters': {member: ['Glue', 'AWS/EC2']}})


@pytest.mark.parametrize('attributes, detail', [
    ({'aws_partition': 'aws', 'auth_config': ROLE}, 'aws_account_id is required'),
    ({'aws_account_id': '123456789012', 'auth_config': ROLE}, 'aws_partition is required'),
    ({'aws_account_id': '123456789012', 'aws_partition': 'aws'}, 'auth_config is required'),
    ({'aws_account_id': 123456789012, 'aws_partition': 'aws', 'auth_config': ROLE},
     'aws_account_id and aws_partition must be strings'),
    ({'aws_account_id': '123456789012', 'aws_partition': 'aws', 'auth_config': {'role_name': 'R', 'access_key_id': 'K'}},
     'auth_config must have one of role_name, access_key_id'),
    ({'aws_account_id': '123456789012', 'aws_partition': 'aws', 'auth_config': ROLE, 'aws_regions': {}},
     'aws_regions must have one of include_all, include_only'),
    ({'aws_account_id': '123456789012', 'aws_partition': 'aws', 'auth_config': ROLE,
      'metrics_config': {'enabled': 'yes'}}, 'metrics_config.enabled must be true or false'),
    ({'aws_account_id': '123456789012', 'aws_partition': 'aws', 'auth_config': ROLE,
      'metrics_config': {'tag_filters': [{'tags': ['a:b']}]}},
     'metrics_config.tag_filters entries must have a string namespace'),
])
def test_malformed_creates_are_refused(datadog, attributes, detail):
    response = datadog.call('POST', ACCOUNTS_PATH, json={'data': {'type': 'account', 'attributes': attributes}})
    assert response.status_code == 400
    assert response.json() == {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': detail}]}


@pytest.mark.parametrize('body, detail', [
    (b'not json', 'the body must be JSON'),
    (b'\xff{}', 'the body must be JSON'),
    (b'', 'the body must be JSON'),
    (b'[]', 'the body must be {"data": {"type": "account", "attributes": {...}}}'),
    (b'{"attributes": {}}', 'the body must be {"data": {"type": "account", "attributes": {...}}}'),
    (json.dumps({'data': {'attributes': {}}}).encode(), 'data.type must be "account"'),
    (json.dumps({'data': {'type': 'accounts', 'attributes': {}}}).encode(), 'data.type must be "account"'),
])
def test_a_body_that_is_not_an_account_envelope_is_refused(datadog, body, detail):
    config_id = created(datadog)['id']
    for method, path in (('POST', ACCOUNTS_PATH), ('PATCH', account_path(config_id))):
        response = datadog.call(method, path, data=body)
        assert response.status_code == 400
        assert response.json() == {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': detail}]}
    assert len(datadog.state.accounts) == 1 and datadog.state.accounts[0]['modified_at'] == \
        datadog.state.accounts[0]['created_at']


@pytest.mark.parametrize('auth, detail', [
    ({'role_name': ''}, 'auth_config.role_name must be 1 to 576 characters long'),
    ({'role_name': 'R' * 577}, 'auth_config.role_name must be 1 to 576 characters long'),
    ({'access_key_id': 'AKIA', 'secret_access_key': ''}, 'auth_config.secret_access_key must not be empty'),
])
def test_what_the_spec_forbids_in_auth_config_is_a_400(datadog, auth, detail):
    response = create(datadog, auth_config=auth)
    assert response.status_code == 400
    assert response.json() == {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': detail}]}
    config_id = created(datadog, auth_config={'role_name': 'R'} if 'role_name' in auth else
                        {'access_key_id': 'AKIA', 'secret_access_key': FAKE_SECRET})['id']
    refused = patch(datadog, config_id, auth_config=auth)
    assert (refused.status_code, refused.json()['errors'][0]['detail']) == (400, detail)
    assert created(datadog, '222222222222', auth_config={'role_name': 'R' * 576})


def test_external_ids_must_be_minted_by_the_emulator_and_younger_than_48_hours(datadog):
    invalid = {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'invalid External ID'}]}
    made_up = create(datadog, auth_config={'role_name': 'R', 'external_id': 'f' * 32})
    assert made_up.status_code == 400 and made_up.json() == invalid
    fresh = datadog.call('POST', V2_PATH).json()['data']['attributes']['external_id']
    datadog.control('POST', 'clock', {'advance': 47 * 3600})
    for aws_account_id in ('111111111111', '222222222222'):
        account = created(datadog, aws_account_id, auth_config={'role_name': 'R', 'external_id': fresh})
        assert account['attributes']['auth_config'] == {'role_name': 'R', 'external_id': fresh}
    datadog.control('POST', 'clock', {'advance': 3600})
    expired = create(datadog, '333333333333', auth_config={'role_name': 'R', 'external_id': fresh})
    assert expired.status_code == 400 and expired.json() == invalid
    assert [account['attributes']['aws_account_id'] for account in datadog.call('GET', ACCOUNTS_PATH).json()['data']] == [
        '111111111111', '222222222222']


def test_ids_minted_by_rotation_and_by_create_are_usable(datadog):
    first = created(datadog, '111111111111')['attributes']['auth_config']['external_id']
    second = created(datadog, '222222222222', auth_config={'role_name': 'R', 'external_id': first})
    assert second['attributes']['auth_config']['external_id'] == first
    rotated = datadog.call('PUT', V1_PATH, json={'account_id': '111111111111', 'role_name': 'DatadogIntegrationRole'})
    assert rotated.status_code == 200, 'v1 rotation sees accounts made through v2'
    assert created(datadog, '333333333333', auth_config={'role_name': 'R', 'external_id': rotated.json()['external_id']})


def test_patch_merges_what_is_sent_and_keeps_the_rest_as_recorded(datadog):
    given = datadog.call('POST', ACCOUNTS_PATH, json=RECORDED_GIVEN_CREATE).json()['data']
    response = datadog.call('PATCH', account_path(given['id']), json=RECORDED_PARTIAL_PATCH)
    assert response.status_code == 200
    assert anonymised(response.text) == anonymised(RECORDED_PARTIAL_PATCH_ANSWER)
    assert response.json()['data']['attributes']['auth_config'] == given['attributes']['auth_config']


def test_patch_merges_at_every_level_and_replaces_lists_whole(datadog):
    config_id = created(datadog, account_tags=['a:1', 'b:2'], logs_config={'lambda_forwarder': {
        'lambdas': ['arn:aws:lambda:us-east-1:123456789012:function:Forwarder'], 'sources': ['s3', 'elb'],
        'log_source_config': {'tag_filters': [{'source': 's3', 'tags': ['x:1']}]}}},
        metrics_config={'enabled': False, 'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['env:prod']}]})['id']
    attributes = patched(datadog, config_id, logs_config={'lambda_forwarder': {'sources': ['lambda']}},
                         metrics_config={'automute_enabled': False})['attributes']
    assert attributes['account_tags'] == ['a:1', 'b:2']
    assert attributes['logs_config'] == {'lambda_forwarder': {
        'lambdas': ['arn:aws:lambda:us-east-1:123456789012:function:Forwarder'], 'sources': ['lambda'],
        'log_source_config': {'tag_filters': [{'source': 's3', 'tags': ['x:1']}]}}}
    assert attributes['metrics_config'] == {
        'enabled': False, 'automute_enabled': False, 'collect_custom_metrics': False, 'collect_cloudwatch_alarms': False,
        'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['env:prod']}],
        'namespace_filters': {'exclude_only': ['AWS/SQS', 'AWS/ElasticMapReduce', 'AWS/Usage']}}
    cleared = patched(datadog, config_id, account_tags=[], logs_config={'lambda_forwarder': {
        'lambdas': [], 'log_source_config': {'tag_filters': []}}}, metrics_config={'tag_filters': []})['attributes']
    assert cleared['account_tags'] == []
    assert cleared['logs_config'] == {'lambda_forwarder': {'lambdas': [], 'sources': ['lambda'],
                                                           'log_source_config': {'tag_filters': []}}}
    assert cleared['metrics_config']['tag_filters'] == [] and cleared['metrics_config']['enabled'] is False
    assert datadog.call('GET', account_path(config_id)).json()['data']['attributes']['logs_config'] == cleared['logs_config']


def test_patch_switches_one_of_members(datadog):
    config_id = created(datadog)['id']
    switched = patched(datadog, config_id, aws_regions={'include_only': ['us-east-1']},
                       metrics_config={'namespace_filters': {'include_only': ['AWS/EC2']}},
                       traces_config={'xray_services': {'include_all': True}})['attributes']
    assert switched['aws_regions'] == {'include_only': ['us-east-1']}
    assert switched['metrics_config']['namespace_filters'] == {'include_only': ['AWS/EC2']}
    assert switched['traces_config'] == {'xray_services': {'include_all': True}}
    back = patched(datadog, config_id, aws_regions={'include_all': True},
                   metrics_config={'namespace_filters': {'exclude_only': ['AWS/SQS']}},
                   traces_config={'xray_services': {'include_only': ['AWS/AppSync']}})['attributes']
    assert back['aws_regions'] == {'include_all': True}
    assert back['metrics_config']['namespace_filters'] == {'exclude_only': ['AWS/SQS']}
    assert back['traces_config'] == {'xray_services': {'include_only': ['AWS/AppSync']}}


def test_patch_cannot_switch_between_role_and_keys_but_checks_values_first(datadog):
    role_id = created(datadog)['id']
    keys = {'access_key_id': 'AKIAIOSFODNN7EXAMPLE', 'secret_access_key': FAKE_SECRET}
    refused = patch(datadog, role_id, auth_config=keys)
    assert refused.status_code == 400
    assert refused.text == '{"errors":[{"title":"Generic Error","detail":"cannot switch between role and key based auth"}]}'
    both = patch(datadog, role_id, auth_config=keys, aws_partition='aws-invalid')
    assert both.json()['errors'][0]['meta'] == {'aws_partition': 'invalid partition: aws-invalid'}
    keys_id = created(datadog, '222222222222', auth_config=keys)['id']
    assert patch(datadog, keys_id, '222222222222', auth_config=ROLE).text == refused.text
    assert datadog.call('GET', account_path(role_id)).json()['data']['attributes']['auth_config']['role_name'] == (
        'DatadogIntegrationRole')


def test_patch_keeps_or_checks_the_external_id(datadog):
    account = created(datadog)
    stored = account['attributes']['auth_config']['external_id']
    renamed = patched(datadog, account['id'], auth_config={'role_name': 'Renamed'})['attributes']['auth_config']
    assert renamed == {'role_name': 'Renamed', 'external_id': stored}
    datadog.control('POST', 'clock', {'advance': 72 * 3600})
    same = patched(datadog, account['id'], auth_config={'role_name': 'Renamed', 'external_id': stored})
    assert same['attributes']['auth_config']['external_id'] == stored, 'sending the stored ID back is no change'
    expired = patch(datadog, account['id'], auth_config={'role_name': 'Renamed', 'external_id': 'e' * 32})
    assert expired.status_code == 400 and expired.json()['errors'][0]['detail'] == 'invalid External ID'
    fresh = datadog.call('POST', V2_PATH).json()['data']['attributes']['external_id']
    changed = patched(datadog, account['id'], auth_config={'role_name': 'Renamed', 'external_id': fresh})
    assert changed['attributes']['auth_config']['external_id'] == fresh


def test_patch_of_keys_keeps_the_secret_out_of_answers(datadog):
    config_id = created(datadog, auth_config={'access_key_id': 'AKIAOLD', 'secret_access_key': FAKE_SECRET})['id']
    rotated = patch(datadog, config_id, auth_config={'access_key_id': 'AKIANEW', 'secret_access_key': FAKE_SECRET + '2'})
    assert rotated.status_code == 200 and FAKE_SECRET not in rotated.text
    assert rotated.json()['data']['attributes']['auth_config'] == {'access_key_id': 'AKIANEW'}


def test_patch_needs_the_aws_account_id_and_a_free_one(datadog):
    config_id = created(datadog)['id']
    missing = datadog.call('PATCH', account_path(config_id), json=envelope(account_tags=['a:b']))
    assert missing.status_code == 400 and missing.json()['errors'][0]['detail'] == 'aws_account_id is required'
    created(datadog, '222222222222')
    taken = patch(datadog, config_id, '222222222222')
    assert taken.status_code == 409
    assert patched(datadog, config_id, '333333333333')['attributes']['aws_account_id'] == '333333333333'


def test_delete_answers_204_then_404(datadog):
    config_id = created(datadog)['id']
    deleted = datadog.call('DELETE', account_path(config_id))
    assert deleted.status_code == 204 and deleted.content == b''
    assert 'Content-Type' not in deleted.headers and 'Content-Length' not in deleted.headers
    again = datadog.call('DELETE', account_path(config_id))
    assert again.status_code == 404
    assert again.text == ('{"errors":[{"status":"404","title":"Account not found",'
                          '"detail":"AWS account with provided id is not integrated"}]}')
    assert datadog.call('GET', ACCOUNTS_PATH).json() == {'data': []}


@pytest.mark.parametrize('method', ['GET', 'PATCH', 'DELETE'])
def test_a_config_id_that_is_not_a_uuid_is_400_and_an_unknown_one_404(datadog, method):
    body = envelope(aws_account_id='123456789012')
    bad = datadog.call(method, account_path('not-a-uuid'), json=body)
    assert bad.status_code == 400
    assert bad.text == ('{"errors":[{"status":"400","title":"Invalid Parameter","detail":"invalid parameter '
                        '\\"aws_account_config_id\\" in \\"path\\"; expected type \\"uuid\\""}]}')
    unknown = datadog.call(method, account_path(UNKNOWN_CONFIG_ID), json=body)
    assert unknown.status_code == 404
    assert unknown.json()['errors'][0]['title'] == 'Account not found'


def test_a_config_id_in_double_quotes_is_accepted_as_terraform_sends_it(datadog):
    config_id = created(datadog)['id']
    quoted = account_path('%22' + config_id + '%22')
    assert datadog.call('GET', quoted).json()['data']['id'] == config_id
    assert patch(datadog, '%22' + config_id + '%22', account_tags=['a:b']).status_code == 200
    assert datadog.call('DELETE', quoted).status_code == 204


LISTS_SENT = {
    'account_tags': ['env:prod', 'team:a', 'app:web'],
    'aws_regions': {'include_only': ['eu-west-1', 'us-east-1', 'ap-south-1']},
    'logs_config': {'lambda_forwarder': {
        'lambdas': ['arn:aws:lambda:us-east-1:123456789012:function:A', 'arn:aws:lambda:us-east-1:123456789012:function:B'],
        'sources': ['cloudfront', 's3', 'elb'],
        'log_source_config': {'tag_filters': [{'source': 'elb', 'tags': ['a:1', 'b:2']},
                                              {'source': 's3', 'tags': ['c:3']}]}}},
    'metrics_config': {'namespace_filters': {'include_only': ['AWS/S3', 'AWS/EC2', 'AWS/ApiGateway', 'Glue']},
                       'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['x:1']}, {'namespace': 'AWS/S3', 'tags': []}],
                       'metric_name_filters': [{'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in']},
                                               {'namespace': 'AWS/RDS', 'exclude_only': ['aws.rds.b*', 'aws.rds.a*']}]},
    'traces_config': {'xray_services': {'include_only': ['AWS/AppSync', 'AWS/Lambda']}},
}


def test_lists_come_back_in_the_order_sent_as_recorded(datadog):
    for answer in (created(datadog, **LISTS_SENT), datadog.call('GET', ACCOUNTS_PATH).json()['data'][0]):
        attributes = answer['attributes']
        for name, value in LISTS_SENT.items():
            if name in ('logs_config', 'metrics_config'):
                assert {key: attributes[name][key] for key in value} == value
            else:
                assert attributes[name] == value
        assert attributes['logs_config']['lambda_forwarder'] == LISTS_SENT['logs_config']['lambda_forwarder']


@pytest.mark.parametrize('how', ['control', 'command line'])
def test_the_stress_mode_answers_every_list_in_an_order_of_its_own(datadog, how):
    if how == 'control':
        assert datadog.control('POST', 'reorder', {'enabled': True})['reorder_lists'] is True
    else:
        datadog.state.initial_reorder = True  # what --reorder-lists sets; a reset goes back to it
        assert datadog.control('POST', 'reset')['reorder_lists'] is True
    for answer in (created(datadog, **LISTS_SENT), datadog.call('GET', ACCOUNTS_PATH).json()['data'][0]):
        attributes = answer['attributes']
        assert attributes['account_tags'] == ['team:a', 'env:prod', 'app:web']
        assert attributes['aws_regions'] == {'include_only': ['us-east-1', 'eu-west-1', 'ap-south-1']}
        forwarder = attributes['logs_config']['lambda_forwarder']
        assert forwarder['lambdas'] == ['arn:aws:lambda:us-east-1:123456789012:function:B',
                                        'arn:aws:lambda:us-east-1:123456789012:function:A']
        assert forwarder['sources'] == ['s3', 'elb', 'cloudfront']
        assert forwarder['log_source_config']['tag_filters'] == [{'source': 's3', 'tags': ['c:3']},
                                                                 {'source': 'elb', 'tags': ['b:2', 'a:1']}]
        metrics = attributes['metrics_config']
        # Catalogue order, as GET /available_namespaces lists them.
        assert metrics['namespace_filters'] == {'include_only': ['AWS/ApiGateway', 'AWS/EC2', 'Glue', 'AWS/S3']}
        assert metrics['tag_filters'] == [{'namespace': 'AWS/S3', 'tags': []}, {'namespace': 'AWS/EC2', 'tags': ['x:1']}]
        assert metrics['metric_name_filters'] == [
            {'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in']},
            {'namespace': 'AWS/RDS', 'exclude_only': ['aws.rds.b*', 'aws.rds.a*']}]
        assert attributes['traces_config'] == {'xray_services': {'include_only': ['AWS/Lambda', 'AWS/AppSync']}}
    assert datadog.control('POST', 'reorder', {'enabled': False})['reorder_lists'] is False
    for bad in ({}, {'enabled': 'yes'}):
        response = requests.post(datadog.url + '/_emulator/reorder', json=bad, verify=datadog.ca_path, timeout=10)
        assert response.status_code == 400


def test_metric_name_filters_are_kept_once_sent_and_replaced_whole(datadog):
    account = created(datadog)
    assert 'metric_name_filters' not in account['attributes']['metrics_config'], 'never filled in on create'
    filters = [{'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in']}]
    held = patched(datadog, account['id'], metrics_config={'metric_name_filters': filters})['attributes']
    assert held['metrics_config']['metric_name_filters'] == filters
    assert list(held['metrics_config'])[-1] == 'metric_name_filters'
    held = patched(datadog, account['id'], metrics_config={'collect_custom_metrics': True})['attributes']
    assert held['metrics_config']['metric_name_filters'] == filters, 'kept when not sent'
    replaced = [{'exclude_only': ['aws.rds.aurora*'], 'namespace': 'AWS/RDS'}]
    held = patched(datadog, account['id'], metrics_config={'metric_name_filters': replaced})['attributes']
    assert held['metrics_config']['metric_name_filters'] == [{'namespace': 'AWS/RDS', 'exclude_only': ['aws.rds.aurora*']}]
    assert patched(datadog, account['id'], metrics_config={'metric_name_filters': []})['attributes'][
        'metrics_config']['metric_name_filters'] == []


@pytest.mark.parametrize('entry, detail', [
    ({'include_only': ['a']}, 'metrics_config.metric_name_filters entries must have a string namespace'),
    ({'namespace': 'AWS/EC2'}, 'metrics_config.metric_name_filters entries must have one of include_only, exclude_only'),
    ({'namespace': 'AWS/EC2', 'include_only': ['a'], 'exclude_only': ['b']},
     'metrics_config.metric_name_filters entries must have one of include_only, exclude_only'),
    ({'namespace': 'AWS/EC2', 'include_only': 'a'}, 'metrics_config.metric_name_filters.include_only must be a list'),
])
def test_malformed_metric_name_filters_are_refused(datadog, entry, detail):
    response = create(datadog, metrics_config={'metric_name_filters': [entry]})
    assert response.status_code == 400
    assert response.json() == {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': detail}]}
    assert datadog.state.accounts == []


def test_account_listing_filters_accounts_made_through_v2(datadog):
    created(datadog, '111111111111')
    created(datadog, '222222222222', aws_partition='aws-us-gov')
    listed = datadog.call('GET', ACCOUNTS_PATH).json()['data']
    assert [account['attributes']['aws_account_id'] for account in listed] == ['111111111111', '222222222222']
    only = datadog.call('GET', ACCOUNTS_PATH, params={'aws_account_id': '222222222222'}).json()['data']
    assert [account['attributes']['aws_partition'] for account in only] == ['aws-us-gov']
    assert datadog.call('GET', ACCOUNTS_PATH, params={'aws_account_id': '333333333333'}).json() == {'data': []}
    assert datadog.control('GET', 'state')['accounts'] == listed


@pytest.mark.parametrize('granted, allowed', [
    ('aws_configuration_read', {'GET'}),
    ('aws_configuration_edit', {'PATCH'}),
    ('aws_configurations_manage', {'POST', 'DELETE'}),
])
def test_account_routes_need_their_permission(datadog, granted, allowed):
    config_id = created(datadog)['id']
    datadog.control('POST', 'permissions', {'permissions': [granted]})
    calls = {'GET': lambda: datadog.call('GET', account_path(config_id)),
             'PATCH': lambda: patch(datadog, config_id, account_tags=['a:b']),
             'POST': lambda: create(datadog, '222222222222'),
             'DELETE': lambda: datadog.call('DELETE', account_path(config_id))}
    for method, call in calls.items():
        response = call()
        if method in allowed:
            assert response.status_code in (200, 204), (method, response.text)
        else:
            assert (response.status_code, response.json()) == (403, {'errors': ['Forbidden']}), method


def test_rate_limit_answers_429_with_reset_headers_until_the_window_ends(datadog):
    datadog.control('POST', 'rate_limit', {'limit': 2, 'period': 2})
    statuses = [datadog.call('POST', V2_PATH) for _call in range(3)]
    assert [response.status_code for response in statuses] == [200, 200, 429]
    limited = statuses[2]
    assert limited.headers['X-RateLimit-Remaining'] == '0'
    assert limited.headers['X-RateLimit-Limit'] == '2' and limited.headers['X-RateLimit-Period'] == '2'
    assert 1 <= int(limited.headers['X-RateLimit-Reset']) <= 2
    assert limited.headers['X-RateLimit-Name'] == emulator.RATE_LIMIT_NAME
    assert limited.json() == {'errors': ['Too many requests']}
    time.sleep(int(limited.headers['X-RateLimit-Reset']) + 0.1)
    assert datadog.call('POST', V2_PATH).status_code == 200


def test_rate_limiter_windows():
    now = [100.0]
    limiter = emulator.RateLimiter(limit=2, period=5, clock=lambda: now[0])
    assert limiter.take()[0] and limiter.take()[0]
    allowed, headers = limiter.take()
    assert not allowed and headers['X-RateLimit-Reset'] == '5'
    now[0] = 103.2
    assert limiter.take()[1]['X-RateLimit-Reset'] == '2'
    now[0] = 105.0
    allowed, headers = limiter.take()
    assert allowed and headers['X-RateLimit-Remaining'] == '1'


def test_scripted_faults_are_served_once_each_in_order(datadog):
    datadog.control('POST', 'faults', {'faults': [
        {'status': 429, 'reset': 1},
        {'status': 502, 'html': True},
        {'status': 400, 'body': {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'x'}], 'meta': {}},
         'content_type': 'application/vnd.api+json'},
    ]})
    limited = datadog.call('POST', V2_PATH)
    assert limited.status_code == 429 and limited.headers['x-ratelimit-reset'] == '1'
    gateway = datadog.call('POST', V2_PATH)
    assert gateway.status_code == 502 and gateway.headers['Content-Type'] == 'text/html'
    assert '<title>502 Bad Gateway</title>' in gateway.text
    bad = datadog.call('POST', V2_PATH)
    assert bad.status_code == 400 and bad.json()['errors'][0]['title'] == 'Bad Request'
    assert datadog.call('POST', V2_PATH).status_code == 200


def test_dropped_connection_and_delay(datadog):
    datadog.control('POST', 'faults', {'faults': [{'drop': True}, {'delay': 0.5}]})
    with pytest.raises(requests.exceptions.ConnectionError):
        datadog.call('POST', V2_PATH)
    started = time.time()
    assert datadog.call('POST', V2_PATH).status_code == 200
    assert time.time() - started >= 0.5


def test_a_lost_answer_after_datadog_acted(datadog):
    datadog.control('POST', 'faults', {'faults': [{'drop': True}, {'lose_answer': True}]})
    for _attempt in range(2):
        with pytest.raises(requests.exceptions.ConnectionError):
            datadog.call('POST', V2_PATH)
    assert [entry['source'] for entry in datadog.state.minted] == ['v2'], 'drop hangs up first, lose_answer after'


def test_a_fault_that_acts_then_answers_its_status(datadog):
    datadog.control('POST', 'faults', {'faults': [{'status': 500, 'act': True}]})
    answer = datadog.call('POST', V2_PATH)
    assert answer.status_code == 500 and answer.json() == {'errors': ['Internal Server Error']}
    assert [entry['source'] for entry in datadog.state.minted] == ['v2'], 'Datadog acted before the 500'


def test_overlapping_writes_get_conflicting_updates_when_asked(datadog):
    state = datadog.control('POST', 'conflicts', {'hold': 0.5})
    assert state['conflicts'] == {'hold': 0.5, 'answered': 0}
    answers = []
    first = threading.Thread(target=lambda: answers.append(datadog.call('POST', V2_PATH)))
    first.start()
    time.sleep(0.2)
    second = datadog.call('POST', V2_PATH)
    first.join()
    assert answers[0].status_code == 200
    assert second.status_code == 500
    assert second.json() == {'errors': ['Could not update AWS Integration due to conflicting updates']}
    assert len(datadog.state.minted) == 1, 'the refused write was not acted on'
    assert datadog.call('GET', ACCOUNTS_PATH).status_code == 200, 'reads never conflict'
    assert datadog.control('POST', 'conflicts', {'hold': None})['conflicts'] == {'hold': None, 'answered': 1}
    for bad in ({'hold': -1}, {'hold': 'x'}, {'hold': True}):
        response = requests.post(datadog.url + '/_emulator/conflicts', json=bad, verify=datadog.ca_path, timeout=10)
        assert response.status_code == 400


def test_journal_records_api_requests_with_keys_masked(datadog):
    datadog.call('POST', V2_PATH)
    datadog.call('PUT', V1_PATH, json={'account_id': '123456789012'}, params={'x': '1'})
    datadog.call('POST', V2_PATH, keys={'DD-API-KEY': 'wrong', 'DD-APPLICATION-KEY': 'wrong'})
    journal = datadog.control('GET', 'journal')['requests']
    expected = [('POST', V2_PATH), ('PUT', V1_PATH), ('POST', V2_PATH)]
    assert [(entry['method'], entry['path']) for entry in journal] == expected
    assert journal[0]['body'] == '' and json.loads(journal[1]['body']) == {'account_id': '123456789012'}
    assert journal[1]['query'] == {'x': ['1']}
    assert [entry['authenticated'] for entry in journal] == [True, True, False]
    assert journal[0]['headers']['DD-API-KEY'] == '********'
    assert emulator.DEFAULT_API_KEY not in json.dumps(journal) and emulator.DEFAULT_APP_KEY not in json.dumps(journal)


def test_clock_moves_journal_times_and_minted_at(datadog):
    datadog.call('POST', V2_PATH)
    state = datadog.control('POST', 'clock', {'advance': 48 * 3600})
    assert state['clock']['advanced_by'] == 48 * 3600
    assert state['clock']['now'] - time.time() > 48 * 3600 - 60
    datadog.call('POST', V2_PATH)
    journal = datadog.control('GET', 'journal')['requests']
    assert journal[1]['time'] - journal[0]['time'] >= 48 * 3600
    minted = datadog.control('GET', 'state')['minted']
    assert minted[1]['minted_at'] - minted[0]['minted_at'] >= 48 * 3600
    response = requests.post(datadog.url + '/_emulator/clock', json={'advance': 'soon'}, verify=datadog.ca_path,
                             timeout=10)
    assert response.status_code == 400


def test_seeded_accounts_external_ids_count_as_minted(datadog):
    account = datadog.control('POST', 'accounts', {'aws_account_id': '123456789012', 'external_id': 'a' * 32})
    assert account['attributes']['auth_config']['external_id'] == 'a' * 32
    assert [(entry['source'], entry['external_id']) for entry in datadog.control('GET', 'state')['minted']] == [
        ('seed', 'a' * 32)]


def test_journal_masks_secret_access_keys_and_keeps_the_rest_of_the_body(datadog):
    config_id = created(datadog, auth_config={'access_key_id': 'AKIAOLD', 'secret_access_key': FAKE_SECRET})['id']
    spaced = ('{"data": {"type": "account", "attributes": {"aws_account_id": "123456789012", "auth_config": '
              '{"access_key_id": "AKIANEW", "secret_access_key" : "%s\\"quoted"}}}}' % FAKE_SECRET)
    assert datadog.call('PATCH', account_path(config_id), data=spaced).status_code == 200
    journal = datadog.control('GET', 'journal')['requests']
    assert FAKE_SECRET not in json.dumps(journal)
    assert json.loads(journal[0]['body'])['data']['attributes']['auth_config'] == {
        'access_key_id': 'AKIAOLD', 'secret_access_key': '********'}
    assert journal[1]['body'] == spaced.replace(FAKE_SECRET + '\\"quoted', '********')


def test_reset_forgets_everything(datadog):
    datadog.control('POST', 'accounts', {'aws_account_id': '111111111111'})
    datadog.control('POST', 'faults', {'faults': [{'status': 500}]})
    datadog.control('POST', 'rate_limit', {'limit': 1, 'period': 60})
    datadog.control('POST', 'clock', {'advance': 3600})
    datadog.control('POST', 'permissions', {'permissions': []})
    datadog.control('POST', 'conflicts', {'hold': 0})
    datadog.call('POST', V2_PATH)
    datadog.control('POST', 'reorder', {'enabled': True})
    datadog.control('POST', 'ccm_validation', {'bucket_name': 'billing', 'issues': []})
    state = datadog.control('POST', 'reset')
    assert abs(state.pop('clock')['now'] - time.time()) < 60
    assert state == {'accounts': [], 'minted': [], 'rotations': [], 'pending_faults': 0,
                     'rate_limit': {'limit': None, 'period': 60}, 'requests': 0, 'permissions': None,
                     'conflicts': {'hold': None, 'answered': 0}, 'reorder_lists': False, 'event_sources': [],
                     'ccm_configs': {}, 'ccm_issues': {}}


def test_command_line_start_and_stop(tmp_path):
    script = emulator.__file__
    state_dir = str(tmp_path / 'state')
    started = subprocess.run([sys.executable, script, 'start', '--state-dir', state_dir, '--account',
                              '123456789012:DatadogIntegrationRole', '--reorder-lists'],
                             stdout=subprocess.PIPE, check=True, timeout=60)
    settings = json.loads(started.stdout)
    try:
        assert settings['emulator_url'].startswith('https://127.0.0.1:')
        response = requests.get(settings['emulator_url'] + ACCOUNTS_PATH, headers=KEYS, verify=settings['emulator_ca'],
                                timeout=10)
        assert response.json()['data'][0]['attributes']['auth_config']['role_name'] == 'DatadogIntegrationRole'

        def cli(*args):
            return subprocess.run([sys.executable, script] + list(args) + ['--state-dir', state_dir],
                                  stdout=subprocess.PIPE, check=True, timeout=60).stdout.decode().strip()

        assert cli('setting', 'emulator_url') == settings['emulator_url']
        cli('control', 'accounts', '--body', '{"aws_account_id": "222222222222"}')
        state = json.loads(cli('control', 'state'))
        integrated = [account['attributes']['aws_account_id'] for account in state['accounts']]
        assert integrated == ['123456789012', '222222222222']
        assert state['reorder_lists'] is True
        assert json.loads(cli('journal'))['requests'][0]['path'] == ACCOUNTS_PATH
        # `env` is what scripts eval; a shell reads the variables back exactly as the settings hold them.
        shell = subprocess.run(['sh', '-c', 'eval "$1"; printf "%s\\n" "$DD_API_KEY" "$DD_APP_KEY" "$DD_HOST" '
                                '"$REQUESTS_CA_BUNDLE"', 'sh', cli('env')],
                               stdout=subprocess.PIPE, check=True, timeout=60).stdout.decode().splitlines()
        assert shell == [settings['emulator_api_key'], settings['emulator_app_key'], settings['emulator_url'],
                         settings['emulator_ca']]
    finally:
        subprocess.run([sys.executable, script, 'stop', '--state-dir', state_dir], check=True, timeout=60)
    assert not os.path.exists(os.path.join(state_dir, 'emulator.json'))
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(settings['emulator_url'], verify=settings['emulator_ca'], timeout=5)


# --- EventBridge sources -------------------------------------------------------------------------------------------

EVENT_BRIDGE_PATH = '/api/v2/integration/aws/event_bridge'


def event_bridge(datadog, method, **attributes):
    return datadog.call(method, EVENT_BRIDGE_PATH, json={'data': {'type': 'event_bridge', 'attributes': attributes}})


def test_event_sources_are_created_listed_and_deleted_as_recorded(datadog):
    created(datadog, '495754985450', account_tags=['team:a'])
    created(datadog, '123123123123')
    answer = event_bridge(datadog, 'POST', account_id='495754985450', create_event_bus=False,
                          event_generator_name='tf-TestAccIntegrationAwsEventBridgeBasic-local-1770059559',
                          region='us-east-1')
    assert answer.status_code == 200 and answer.headers['Content-Type'] == 'application/vnd.api+json'
    name = answer.json()['data']['attributes']['event_source_name']
    assert re.fullmatch(r'tf-TestAccIntegrationAwsEventBridgeBasic-local-1770059559-[a-z0-9]{8}', name)
    assert answer.text == ('{"data":{"id":"create_event_bridge","type":"event_bridge","attributes":{"event_source_name":'
                           '"%s","has_bus":false,"region":"us-east-1","status":"created"}}}' % name)
    listed = datadog.call('GET', EVENT_BRIDGE_PATH)
    assert listed.text == (
        '{"data":{"id":"get_event_bridge","type":"event_bridge","attributes":{"accounts":[{"account_id":"495754985450",'
        '"tags":["team:a"],"event_hubs":[{"name":"%s","region":"us-east-1"}]},{"account_id":"123123123123","tags":[],'
        '"event_hubs":[]}],"is_installed":true}}}' % name)
    deleted = event_bridge(datadog, 'DELETE', account_id='495754985450', event_generator_name=name, region='us-east-1')
    assert deleted.text == '{"data":{"id":"delete_event_bridge","type":"event_bridge","attributes":{"status":"empty"}}}'
    assert datadog.control('GET', 'state')['event_sources'] == []
    again = event_bridge(datadog, 'DELETE', account_id='495754985450', event_generator_name=name, region='us-east-1')
    assert again.status_code == 400


def test_event_source_refusals(datadog):
    created(datadog)
    source = dict(account_id='123456789012', event_generator_name='app-alerts', region='us-east-1')
    assert event_bridge(datadog, 'POST', **source).json()['data']['attributes']['has_bus'] is False
    conflict = event_bridge(datadog, 'POST', **dict(source, create_event_bus=True))
    assert conflict.status_code == 409 and conflict.json()['errors'][0]['title'] == 'Conflict'
    elsewhere = dict(source, create_event_bus=True)
    elsewhere['region'] = 'eu-west-1'
    assert event_bridge(datadog, 'POST', **elsewhere).json()['data']['attributes']['has_bus'] is True
    for attributes, detail in (
            (dict(source, account_id='999999999999'), 'AWS account 999999999999 is not integrated'),
            (dict(source, region='mars-1'), 'invalid region: mars-1'),
            (dict(source, event_generator_name=''), 'event_generator_name is required and must be a non-empty string'),
            (dict(source, create_event_bus='yes'), 'create_event_bus must be true or false')):
        refused = event_bridge(datadog, 'POST', **attributes)
        assert refused.status_code == 400 and refused.json()['errors'][0]['detail'] == detail
    wrong_type = datadog.call('POST', EVENT_BRIDGE_PATH, json={'data': {'type': 'account', 'attributes': source}})
    assert wrong_type.json()['errors'][0]['detail'] == 'data.type must be "event_bridge"'
    assert len(datadog.control('GET', 'state')['event_sources']) == 2


def test_event_sources_go_when_no_config_names_their_account(datadog):
    config_id = created(datadog)['id']
    event_bridge(datadog, 'POST', account_id='123456789012', event_generator_name='app', region='us-east-1')
    datadog.call('DELETE', account_path(config_id))
    assert datadog.control('GET', 'state')['event_sources'] == []
    assert datadog.call('GET', EVENT_BRIDGE_PATH).json()['data']['attributes']['accounts'] == []


@pytest.mark.parametrize('granted, allowed', [('integrations_read', {'GET'}), ('manage_integrations', {'POST', 'DELETE'})])
def test_event_bridge_routes_need_their_permission(datadog, granted, allowed):
    created(datadog)
    name = event_bridge(datadog, 'POST', account_id='123456789012', event_generator_name='a', region='us-east-1').json()[
        'data']['attributes']['event_source_name']
    datadog.control('POST', 'permissions', {'permissions': [granted, 'aws_configuration_edit']})
    for method, attributes in (('GET', None), ('POST', dict(event_generator_name='b')),
                               ('DELETE', dict(event_generator_name=name))):
        response = datadog.call('GET', EVENT_BRIDGE_PATH) if attributes is None else event_bridge(
            datadog, method, account_id='123456789012', region='us-east-1', **attributes)
        assert (response.status_code == 200) == (method in allowed), method


# --- Cloud Cost Management -----------------------------------------------------------------------------------------

RECORDED_EXPORT = {'bucket_name': 'billing', 'bucket_region': 'us-east-1', 'report_name': 'cost-and-usage-report',
                   'report_prefix': 'reports', 'report_type': 'CUR2.0'}


def ccm(datadog, method, config_id, *exports):
    body = None if method in ('GET', 'DELETE') else {
        'data': {'type': 'ccm_config', 'attributes': {'ccm_config': {'data_export_configs': list(exports)}}}}
    return datadog.call(method, account_path(config_id) + '/ccm_config', json=body)


def test_ccm_config_create_read_update_delete_as_recorded(datadog):
    config_id = created(datadog)['id']
    datadog.control('POST', 'clock', {'advance': 1})
    first = ccm(datadog, 'POST', config_id, RECORDED_EXPORT)
    assert first.status_code == 200 and first.headers['Content-Type'] == 'application/vnd.api+json'
    assert first.text == ('{"data":{"id":"%s","type":"ccm_config","attributes":{"data_export_configs":[{"report_name":'
                          '"cost-and-usage-report","report_prefix":"reports","report_type":"CUR2.0","bucket_name":'
                          '"billing","bucket_region":"us-east-1"}]}}}' % config_id)
    assert ccm(datadog, 'GET', config_id).text == first.text
    held = datadog.state.accounts[0]
    assert held['modified_at'] - held['created_at'] >= 10 ** 9, 'a CCM write moves the account\'s modified_at'
    conflict = ccm(datadog, 'POST', config_id, RECORDED_EXPORT)
    assert conflict.status_code == 409 and conflict.json() == {'errors': [{
        'status': '409', 'title': 'Account already exists', 'detail': 'CCM config already exists for this account'}]}
    updated = dict(RECORDED_EXPORT, bucket_name='billing-updated', bucket_region='us-west-2',
                   report_name='cost-report-updated', report_prefix='reports-updated')
    answer = ccm(datadog, 'PATCH', config_id, updated).json()
    assert answer['data']['attributes']['data_export_configs'] == [updated]
    assert ccm(datadog, 'DELETE', config_id).status_code == 204
    not_found = {'errors': [{'status': '404', 'title': 'Account not found',
                             'detail': 'AWS account with provided id is not integrated'}]}
    for method in ('GET', 'PATCH', 'DELETE'):
        response = ccm(datadog, method, config_id, RECORDED_EXPORT)
        assert (response.status_code, response.json()) == (404, not_found), method
    for method in ('GET', 'POST'):
        response = ccm(datadog, method, '00000000-0000-0000-0000-000000000000', RECORDED_EXPORT)
        assert (response.status_code, response.json()) == (404, not_found), method
    bad_path = datadog.call('DELETE', ACCOUNTS_PATH + '/%7Baws_account_config_id%7D/ccm_config')
    assert bad_path.status_code == 400 and bad_path.json()['errors'][0]['title'] == 'Invalid Parameter'


def test_a_ccm_config_goes_with_its_account(datadog):
    config_id = created(datadog)['id']
    ccm(datadog, 'POST', config_id, RECORDED_EXPORT)
    datadog.call('DELETE', account_path(config_id))
    assert datadog.control('GET', 'state')['ccm_configs'] == {}


def test_ccm_values_datadog_refuses(datadog):
    config_id = created(datadog)['id']
    response = ccm(datadog, 'POST', config_id, dict(RECORDED_EXPORT, bucket_region='invalid-region'),
                   dict(RECORDED_EXPORT, report_type='CUR1'))
    assert response.status_code == 400
    assert response.json() == {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'invalid value', 'meta': {
        'ccm_config.data_export_configs[CUR2.0].bucket_region': 'invalid bucket region: invalid-region',
        'ccm_config.data_export_configs[CUR1].report_type': 'invalid report type: CUR1'}}]}
    missing = dict(RECORDED_EXPORT)
    del missing['report_prefix']
    assert ccm(datadog, 'POST', config_id, missing).status_code == 400
    wrong_type = datadog.call('POST', account_path(config_id) + '/ccm_config', json={'data': {
        'type': 'account', 'attributes': {'ccm_config': {'data_export_configs': [RECORDED_EXPORT]}}}})
    assert wrong_type.json()['errors'][0]['detail'] == 'data.type must be "ccm_config"'
    assert datadog.control('GET', 'state')['ccm_configs'] == {}


def test_ccm_validation_finds_what_a_test_scripted(datadog):
    body = {'data': {'type': 'ccm_config_validation', 'attributes': {
        'account_id': '123456789012', 'bucket_name': 'billing', 'bucket_region': 'us-east-1',
        'report_name': 'cost-and-usage-report', 'report_prefix': 'reports'}}}
    path = '/api/v2/integration/aws/validate_ccm_config'
    clean = datadog.call('POST', path, json=body)
    assert clean.text == ('{"data":{"id":"123456789012","type":"ccm_config_validation","attributes":{"account_id":'
                          '"123456789012","issues":[]}}}')
    issue = {'code': 'EXPORT_NOT_FOUND', 'description': 'No CUR 2.0 export named cost-and-usage-report.'}
    datadog.control('POST', 'ccm_validation', {'bucket_name': 'billing', 'issues': [issue]})
    assert datadog.call('POST', path, json=body).json()['data']['attributes']['issues'] == [issue]
    datadog.control('POST', 'permissions', {'permissions': ['cloud_cost_management_read']})
    assert datadog.call('POST', path, json=body).status_code == 200
    datadog.control('POST', 'permissions', {'permissions': ['aws_configuration_edit']})
    assert datadog.call('POST', path, json=body).status_code == 403
