# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""datadog_aws_event_bridge and datadog_aws_event_bridge_info through their main(), against the Datadog API emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import json
import re

import pytest

from ansible_collections.ddog.aws.plugins.modules import datadog_aws_event_bridge
from ansible_collections.ddog.aws.plugins.modules import datadog_aws_event_bridge_info as info_module

MODULE = datadog_aws_event_bridge  # what the run fixture runs

ACCOUNT = '123456789012'
PATH = '/api/v2/integration/aws/event_bridge'
LIST, CREATE, DELETE = ('GET', PATH), ('POST', PATH), ('DELETE', PATH)
SOURCE = dict(aws_account_id=ACCOUNT, region='us-east-1', event_generator_name='app-alerts')


@pytest.fixture
def run(run, datadog):
    """The shared run fixture, with the account integrated: EventBridge sources need an integration."""
    datadog.state.add_account(ACCOUNT)
    return run


@pytest.fixture
def info(run_against_emulator):
    return functools.partial(run_against_emulator, info_module.main)


def held(datadog):
    return [(source['account_id'], source['region'], source['name']) for source in datadog.state.event_sources]


def test_create_rerun_and_delete(run, datadog):
    created = run(SOURCE, diff=True).result
    assert created['changed'] is True
    name = created['event_source_name']
    assert re.fullmatch(r'app-alerts-[a-z0-9]{8}', name)
    assert created['event_sources'] == [dict(aws_account_id=ACCOUNT, region='us-east-1', name=name)]
    assert created['is_installed'] is True
    assert created['diff'] == {'before': {'event_sources': []}, 'after': {'event_sources': created['event_sources']}}
    assert datadog.bodies('POST') == [{'data': {'type': 'event_bridge', 'attributes': {
        'account_id': ACCOUNT, 'event_generator_name': 'app-alerts', 'region': 'us-east-1', 'create_event_bus': True}}}]
    rerun = run(SOURCE).result
    assert rerun['changed'] is False and rerun['event_source_name'] == name
    assert datadog.calls() == [LIST, CREATE, LIST]
    deleted = run(dict(SOURCE, state='absent'), diff=True).result
    assert deleted['changed'] is True and deleted['event_sources'] == [] and deleted['event_source_name'] == ''
    assert deleted['diff']['after'] == {'event_sources': []}
    assert datadog.bodies('DELETE') == [{'data': {'type': 'event_bridge', 'attributes': {
        'account_id': ACCOUNT, 'event_generator_name': name, 'region': 'us-east-1'}}}]
    assert run(dict(SOURCE, state='absent')).result['changed'] is False
    assert datadog.calls() == [LIST, CREATE, LIST, LIST, DELETE, LIST] and held(datadog) == []


def test_check_mode_sends_only_the_listing(run, datadog):
    preview = run(dict(SOURCE, create_event_bus=False), check_mode=True, diff=True).result
    assert preview['changed'] is True
    assert preview['event_source_name'] == 'app-alerts-(suffix assigned by Datadog)'
    real = run(dict(SOURCE, create_event_bus=False)).result
    assert datadog.bodies('POST')[0]['data']['attributes']['create_event_bus'] is False
    assert run(dict(SOURCE, state='absent'), check_mode=True).result['changed'] is True
    assert run(SOURCE, check_mode=True).result['changed'] is False
    assert datadog.calls() == [LIST, LIST, CREATE, LIST, LIST] and len(held(datadog)) == 1
    assert real['event_sources'][0]['name'] == held(datadog)[0][2]


def test_another_region_or_name_is_another_source(run, datadog):
    first = run(SOURCE).result['event_source_name']
    assert run(dict(SOURCE, region='eu-west-1')).result['changed'] is True
    assert run(dict(SOURCE, event_generator_name='app')).result['changed'] is True, 'app-alerts-... is not app-...'
    assert run(dict(SOURCE, event_generator_name=first)).result['changed'] is False, 'the full name names it too'
    assert len(held(datadog)) == 3
    assert run(dict(SOURCE, event_generator_name='app', state='absent')).result['changed'] is True
    assert sorted(name.rsplit('-', 1)[0] for _account, _region, name in held(datadog)) == ['app-alerts', 'app-alerts']


def test_every_source_of_the_task_is_deleted(run, datadog):
    for _copy in range(2):  # made elsewhere: Datadog lets a name serve twice through other clients
        datadog.state.event_sources.append({'account_id': ACCOUNT, 'region': 'us-east-1',
                                            'name': 'app-alerts-%s' % ('a1b2c3d4' if _copy else 'e5f6g7h8'),
                                            'has_bus': False})
    datadog.state.event_sources.append({'account_id': ACCOUNT, 'region': 'us-east-1', 'name': 'app-other-12345678',
                                        'has_bus': False})
    present = run(SOURCE).result
    assert present['changed'] is False and len(present['event_sources']) == 2
    assert present['event_source_name'] == 'app-alerts-e5f6g7h8', 'the first Datadog lists'
    assert run(dict(SOURCE, state='absent')).result['changed'] is True
    assert held(datadog) == [(ACCOUNT, 'us-east-1', 'app-other-12345678')]


def test_a_foreign_look_alike_is_never_the_tasks_so_never_deleted(run, datadog):
    foreign = ['app-team-x', 'app-team-zyxw3210', 'app-zyxw321', 'app-zyxw32100', 'apps-zyxw3210']
    for name in foreign:  # others' sources, made through other clients
        datadog.state.event_sources.append({'account_id': ACCOUNT, 'region': 'us-east-1', 'name': name,
                                            'has_bus': False})
    app = dict(SOURCE, event_generator_name='app')
    assert run(dict(app, state='absent'), check_mode=True).result['changed'] is False
    assert run(dict(app, state='absent')).result['changed'] is False
    created = run(app).result
    assert created['changed'] is True and created['event_sources'] == [dict(
        aws_account_id=ACCOUNT, region='us-east-1', name=created['event_source_name'])]
    assert run(dict(app, state='absent')).result['changed'] is True
    assert [name for _account, _region, name in held(datadog)] == foreign
    assert datadog.calls() == [LIST, LIST, LIST, CREATE, LIST, DELETE]


def test_an_account_datadog_does_not_integrate_is_refused_before_any_write(run, datadog):
    for check_mode in (True, False):
        outcome = run(dict(SOURCE, aws_account_id='210987654321'), check_mode=check_mode)
        assert outcome.failed and 'Datadog does not integrate AWS account 210987654321' in outcome.result['msg']
        assert 'ddog.aws.datadog_aws_account' in outcome.result['msg']
    assert run(dict(SOURCE, aws_account_id='210987654321', state='absent')).result['changed'] is False
    assert datadog.calls() == [LIST] * 3


def test_a_create_whose_answer_is_lost_is_read_back_not_sent_again(run, datadog, waits):
    datadog.state.faults.extend([{}, {'lose_answer': True}])
    outcome = run(SOURCE)
    assert not outcome.failed and outcome.result['changed'] is True
    assert datadog.calls() == [LIST, CREATE, LIST] and len(held(datadog)) == 1
    assert outcome.result['event_source_name'] == held(datadog)[0][2]
    assert 'what Datadog holds was read back' in json.dumps(outcome.result['warnings'])


def test_a_create_answered_500_before_datadog_acted_is_sent_again_after_a_read(run, datadog, waits):
    datadog.state.faults.extend([{}, {'status': 500}])
    outcome = run(SOURCE)
    assert not outcome.failed and outcome.result['changed'] is True
    assert datadog.calls() == [LIST, CREATE, LIST, CREATE] and len(held(datadog)) == 1
    assert len(waits) == 1


def test_a_409_because_another_run_created_it_is_read_back(run, datadog, waits):
    # The source is created as the create arrives (by another run, say), which then meets the emulator's 409.
    conflict = {'errors': [{'status': '409', 'title': 'Conflict', 'detail': 'an event source named app-alerts exists'}]}
    datadog.state.faults.extend([{}, {'status': 409, 'act': True, 'body': conflict}])
    outcome = run(SOURCE)
    assert not outcome.failed and outcome.result['changed'] is False, 'this run created nothing'
    assert outcome.result['event_source_name'] == held(datadog)[0][2]
    assert datadog.calls() == [LIST, CREATE, LIST] and len(held(datadog)) == 1


def test_a_delete_answered_not_found_is_checked(run, datadog, waits):
    name = run(SOURCE).result['event_source_name']
    refusal = {'status': 400, 'body': {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'not found'}]}}
    datadog.state.faults.extend([{}, refusal])
    outcome = run(dict(SOURCE, state='absent'))
    assert outcome.failed and outcome.result['status'] == 400
    assert 'Datadog still holds the EventBridge source %s: nothing was deleted.' % name in outcome.result['msg']
    datadog.state.faults.extend([{}, dict(refusal, act=True)])  # Datadog deleted it, and answered 400
    outcome = run(dict(SOURCE, state='absent'))
    assert not outcome.failed and outcome.result['changed'] is True
    assert 'HTTP 400) and a read-back found it gone' in json.dumps(outcome.result['warnings'])
    assert held(datadog) == []
    name = run(SOURCE).result['event_source_name']
    datadog.state.faults.extend([{}, {'lose_answer': True}])
    outcome = run(dict(SOURCE, state='absent'))
    assert not outcome.failed and outcome.result['changed'] is True
    assert 'its answer was lost and a second attempt got HTTP 400' in json.dumps(outcome.result['warnings'])
    assert held(datadog) == []


@pytest.mark.parametrize('granted, args, permission', [
    ([], SOURCE, 'integrations_read'),
    (['integrations_read'], SOURCE, 'manage_integrations'),
])
def test_a_missing_permission_is_named(run, datadog, granted, args, permission):
    datadog.control('POST', 'permissions', {'permissions': granted})
    outcome = run(args)
    assert outcome.failed and outcome.result['status'] == 403
    assert 'needs the application key permission %s' % permission in outcome.result['msg']


@pytest.mark.parametrize('args, message', [
    (dict(SOURCE, aws_account_id='1234'), 'aws_account_id must be exactly 12 digits'),
    (dict(SOURCE, event_generator_name=''), 'event_generator_name must not be empty'),
    (dict(SOURCE, region=' us-east-1'), 'region must not be empty or have white space around it'),
    ({'region': 'us-east-1', 'event_generator_name': 'a'}, 'missing required arguments: aws_account_id'),
])
def test_bad_input_fails_clearly_before_any_request(run, datadog, args, message):
    outcome = run(args)
    assert outcome.failed and message in outcome.result['msg']
    assert datadog.calls() == []


def test_terraforms_option_name_works_too(run, datadog):
    args = dict(SOURCE)
    args['account_id'] = args.pop('aws_account_id')
    assert run(args).result['changed'] is True


def test_datadogs_refusal_is_quoted(run, datadog):
    outcome = run(dict(SOURCE, region='mars-1'))
    assert outcome.failed and outcome.result['status'] == 400
    assert 'invalid region: mars-1' in outcome.result['msg']


def test_info_lists_every_source_or_some(info, datadog):
    datadog.state.add_account(ACCOUNT)
    datadog.state.add_account('210987654321')
    for account, region, name in ((ACCOUNT, 'us-east-1', 'a-11111111'), ('210987654321', 'us-east-1', 'b-22222222'),
                                  (ACCOUNT, 'eu-west-1', 'c-33333333')):
        datadog.state.event_sources.append({'account_id': account, 'region': region, 'name': name, 'has_bus': False})
    every = info().result
    assert every['changed'] is False and every['is_installed'] is True
    assert [source['name'] for source in every['event_sources']] == ['a-11111111', 'c-33333333', 'b-22222222']
    assert every['event_sources'][0] == dict(aws_account_id=ACCOUNT, region='us-east-1', name='a-11111111')
    assert [source['name'] for source in info({'aws_account_id': ACCOUNT}).result['event_sources']] == [
        'a-11111111', 'c-33333333']
    assert [source['name'] for source in info({'region': 'us-east-1'}, check_mode=True).result['event_sources']] == [
        'a-11111111', 'b-22222222']
    assert info({'account_id': '000000000000'}).result['event_sources'] == []
    assert datadog.calls() == [LIST] * 4


@pytest.mark.parametrize('body', [{}, {'data': {'attributes': {'accounts': {}}}},
                                  {'data': {'attributes': {'accounts': [{'account_id': 1}]}}},
                                  {'data': {'attributes': {'accounts': [{'account_id': '1', 'event_hubs': [{}]}]}}}])
def test_a_listing_shaped_unlike_the_api_documents_is_a_clear_error(run_against_server, httpserver, body):
    httpserver.expect_request(PATH, method='GET').respond_with_json(body)
    outcome = run_against_server(info_module.main)
    assert outcome.failed and 'without a list of accounts and their event sources' in outcome.result['msg']
