# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""datadog_aws_account through its main(), against the project's Datadog API emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

import pytest

from ansible_collections.ddog.aws.plugins.modules import datadog_aws_account
from ansible_collections.ddog.aws.tests.emulator.misbehaving_server import MisbehavingServer
from ansible_collections.ddog.aws.tests.unit.utils import AWS_SECRET

MODULE = datadog_aws_account  # what the run fixture runs

ACCOUNT = '123456789012'
ACCOUNTS = '/api/v2/integration/aws/accounts'
LOOKUP = ('GET', ACCOUNTS)
ROLE = dict(aws_account_id=ACCOUNT, role_name='DatadogIntegrationRole')
KEYS = dict(aws_account_id=ACCOUNT, aws_partition='aws-cn', access_key_id='AKIAIOSFODNN7EXAMPLE',
            secret_access_key=AWS_SECRET)
HEX32 = re.compile(r'^[0-9a-f]{32}$')


def patched(datadog):
    """The attributes of every PATCH sent, as sent."""
    return [body['data']['attributes'] for body in datadog.bodies('PATCH')]


# --- create ----------------------------------------------------------------------------------------------------

def test_create_with_a_role_returns_the_id_datadog_minted_and_the_trust_policy(run, datadog):
    outcome = run(dict(ROLE, account_tags=['team:platform']))
    result = outcome.result
    assert not outcome.failed and result['changed'] is True
    assert datadog.calls() == [LOOKUP, ('POST', ACCOUNTS)]
    assert HEX32.match(result['external_id'])
    assert result['account']['auth_config'] == {'role_name': 'DatadogIntegrationRole',
                                                'external_id': result['external_id']}
    assert result['account_config_id'] == datadog.state.accounts[0]['id']
    assert result['datadog_principal'] == 'arn:aws:iam::464622532012:root'
    assert result['trust_policy']['Statement'][0]['Condition'] == {
        'StringEquals': {'sts:ExternalId': result['external_id']}}
    # What was sent is only what the task set, and what Datadog requires.
    assert datadog.bodies('POST') == [{'data': {'type': 'account', 'attributes': {
        'aws_account_id': ACCOUNT, 'aws_partition': 'aws', 'account_tags': ['team:platform'],
        'auth_config': {'role_name': 'DatadogIntegrationRole'}}}}]
    # Datadog's defaults are in what it holds.
    assert result['account']['aws_regions'] == {'include_all': True}
    assert result['account']['resources_config']['extended_collection'] is True


def test_a_rerun_sends_only_the_lookup_even_when_datadog_reorders_lists(run, datadog):
    settings = dict(ROLE, account_tags=['b:2', 'a:1', 'c:3'], aws_regions={'include_only': ['us-east-1', 'eu-west-1']},
                    metrics_config={'namespace_filters': {'include_only': ['AWS/RDS', 'AWS/EC2', 'AWS/Lambda']},
                                    'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['z:1', 'a:1']}]},
                    logs_config={'lambda_forwarder': {'sources': ['s3', 'elbv2'], 'lambdas': []}},
                    traces_config={'xray_services': {'include_only': ['AWS/AppSync', 'AWS/ApiGateway']}})
    datadog.control('POST', 'reorder', {'enabled': True})
    assert run(settings).result['changed'] is True
    held = datadog.state.accounts[0]['attributes']
    assert held['account_tags'] != ['b:2', 'a:1', 'c:3'], 'the emulator reorders, as Datadog may'
    rerun = run(settings)
    assert rerun.result['changed'] is False
    assert datadog.calls()[-3:] == [SERVICES, ('POST', ACCOUNTS), LOOKUP]


def test_check_mode_create_sends_only_the_lookup_and_predicts_datadogs_defaults(run, datadog):
    outcome = run(dict(ROLE, metrics_config={'collect_custom_metrics': True}), check_mode=True, diff=True)
    result = outcome.result
    assert result['changed'] is True and datadog.calls() == [LOOKUP]
    assert 'account_config_id' not in result and 'external_id' not in result and 'trust_policy' not in result
    assert result['diff']['before'] == {}
    after = result['diff']['after']
    assert after['metrics_config'] == {'enabled': True, 'automute_enabled': True, 'collect_custom_metrics': True,
                                       'collect_cloudwatch_alarms': False, 'tag_filters': [],
                                       'namespace_filters': {'exclude_only': ['AWS/ElasticMapReduce', 'AWS/SQS',
                                                                              'AWS/Usage']}}
    # The real run holds what check mode predicted.
    real = run(dict(ROLE, metrics_config={'collect_custom_metrics': True}), diff=True).result
    held = dict(real['diff']['after'])
    held['auth_config'] = {'role_name': held['auth_config']['role_name']}
    assert held == after


def test_create_with_an_external_id_datadog_minted(run, datadog):
    minted = datadog.state.mint('v2')
    result = run(dict(ROLE, external_id=minted)).result
    assert result['external_id'] == minted
    assert datadog.bodies('POST')[0]['data']['attributes']['auth_config'] == {
        'role_name': 'DatadogIntegrationRole', 'external_id': minted}


def test_creating_needs_an_authentication(run, datadog):
    outcome = run(dict(aws_account_id=ACCOUNT, account_tags=['a:b']))
    assert outcome.failed and 'role_name, or access_key_id and secret_access_key, is required' in outcome.result['msg']
    assert datadog.calls() == [LOOKUP]


# --- update ----------------------------------------------------------------------------------------------------

def test_changing_one_setting_sends_one_patch_with_only_that(run, datadog):
    run(dict(ROLE, account_tags=['team:platform'], metrics_config={'enabled': True}))
    metrics = {'enabled': True, 'collect_custom_metrics': True}
    outcome = run(dict(ROLE, account_tags=['team:platform'], metrics_config=metrics), diff=True)
    assert outcome.result['changed'] is True
    assert datadog.calls()[2:] == [LOOKUP, ('PATCH', ACCOUNTS + '/' + datadog.state.accounts[0]['id'])]
    assert patched(datadog) == [{'aws_account_id': ACCOUNT, 'aws_partition': 'aws',
                                 'metrics_config': {'collect_custom_metrics': True}}]
    diff = outcome.result['diff']
    assert diff['before']['metrics_config']['collect_custom_metrics'] is False
    assert diff['after']['metrics_config']['collect_custom_metrics'] is True
    assert dict(diff['before'], metrics_config=None) == dict(diff['after'], metrics_config=None)
    assert outcome.result['account']['metrics_config']['collect_custom_metrics'] is True


@pytest.mark.parametrize('settings, sent', [
    ({'aws_regions': {'include_only': ['us-east-1']}}, {'aws_regions': {'include_only': ['us-east-1']}}),
    ({'metrics_config': {'namespace_filters': {'include_only': ['AWS/EC2']}}},
     {'metrics_config': {'namespace_filters': {'include_only': ['AWS/EC2']}}}),
    ({'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/SQS']}}},
     {'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/SQS']}}}),
    ({'metrics_config': {'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['env:prod']}]}},
     {'metrics_config': {'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['env:prod']}]}}),
    ({'metrics_config': {'automute_enabled': False, 'enabled': True}}, {'metrics_config': {'automute_enabled': False}}),
    ({'metrics_config': {'metric_name_filters': [{'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in']}]}},
     {'metrics_config': {'metric_name_filters': [{'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in']}]}}),
    ({'logs_config': {'lambda_forwarder': {'sources': ['s3'], 'lambdas': []}}},
     {'logs_config': {'lambda_forwarder': {'sources': ['s3']}}}),
    ({'logs_config': {'lambda_forwarder': {'log_source_config': {'tag_filters': [{'source': 's3', 'tags': ['a:b']}]}}}},
     {'logs_config': {'lambda_forwarder': {'log_source_config': {'tag_filters': [{'source': 's3', 'tags': ['a:b']}]}}}}),
    ({'resources_config': {'cloud_security_posture_management_collection': True, 'extended_collection': True}},
     {'resources_config': {'cloud_security_posture_management_collection': True}}),
    ({'traces_config': {'xray_services': {'include_all': True}}}, {'traces_config': {'xray_services': {'include_all': True}}}),
    ({'account_tags': ['x:y']}, {'account_tags': ['x:y']}),
    ({'role_name': 'OtherRole'}, {'auth_config': {'role_name': 'OtherRole'}}),
])
def test_each_setting_is_patched_alone_then_converges(run, datadog, settings, sent):
    run(ROLE)
    args = dict(ROLE, **settings)
    assert run(args).result['changed'] is True
    assert patched(datadog) == [dict(aws_account_id=ACCOUNT, aws_partition='aws', **sent)]
    assert run(args).result['changed'] is False
    assert len(patched(datadog)) == 1


def test_an_empty_list_clears_and_an_unset_option_is_left_alone(run, datadog):
    run(dict(ROLE, account_tags=['a:b'], aws_regions={'include_only': ['us-east-1']}))
    outcome = run(dict(ROLE, account_tags=[]))
    assert outcome.result['changed'] is True
    assert patched(datadog) == [{'aws_account_id': ACCOUNT, 'aws_partition': 'aws', 'account_tags': []}]
    assert outcome.result['account']['aws_regions'] == {'include_only': ['us-east-1']}


def test_the_external_id_is_changed_only_when_given(run, datadog):
    first = run(ROLE).result['external_id']
    assert run(dict(ROLE, account_tags=['a:b'])).result['external_id'] == first
    fresh = datadog.state.mint('v2')
    outcome = run(dict(ROLE, external_id=fresh))
    assert outcome.result['changed'] is True and outcome.result['external_id'] == fresh
    assert patched(datadog)[-1] == {'aws_account_id': ACCOUNT, 'aws_partition': 'aws',
                                    'auth_config': {'role_name': 'DatadogIntegrationRole', 'external_id': fresh}}


def test_check_mode_update_sends_only_the_lookup_and_predicts_the_result(run, datadog):
    run(ROLE)
    args = dict(ROLE, aws_regions={'include_only': ['eu-west-1']}, account_tags=['a:b'])
    preview = run(args, check_mode=True, diff=True).result
    assert preview['changed'] is True
    assert [method for method, _path in datadog.calls()] == ['GET', 'POST', 'GET']
    real = run(args, diff=True).result
    assert preview['diff'] == real['diff']
    assert dict(preview['account'], modified_at=None) == dict(real['account'], modified_at=None)


# --- access keys -----------------------------------------------------------------------------------------------

def test_access_keys_the_secret_is_sent_on_create_only_and_never_shown(run, datadog):
    created = run(KEYS, diff=True)
    assert created.result['changed'] is True
    assert datadog.bodies('POST')[0]['data']['attributes']['auth_config'] == {
        'access_key_id': 'AKIAIOSFODNN7EXAMPLE', 'secret_access_key': '********'}, 'the journal masks it'
    assert datadog.state.accounts[0]['secret_access_key'] == AWS_SECRET
    assert 'external_id' not in created.result and 'trust_policy' not in created.result
    rerun = run(KEYS, diff=True)
    assert rerun.result['changed'] is False and patched(datadog) == []
    for outcome in (created, rerun):
        assert AWS_SECRET not in outcome.stdout and AWS_SECRET[:12] not in outcome.stdout


def test_update_secret_always_rotates_the_secret(run, datadog):
    run(KEYS)
    outcome = run(dict(KEYS, secret_access_key='new-secret-value-1234567890', update_secret_access_key='always'))
    assert outcome.result['changed'] is True
    assert patched(datadog) == [{'aws_account_id': ACCOUNT, 'aws_partition': 'aws-cn',
                                 'auth_config': {'access_key_id': 'AKIAIOSFODNN7EXAMPLE',
                                                 'secret_access_key': '********'}}]
    assert datadog.state.accounts[0]['secret_access_key'] == 'new-secret-value-1234567890'
    assert 'new-secret-value' not in outcome.stdout


def test_a_new_access_key_id_needs_its_secret(run, datadog):
    run(KEYS)
    outcome = run(dict(KEYS, access_key_id='AKIANEWKEY0000000000', secret_access_key=None))
    assert outcome.failed and outcome.result['msg'].startswith('secret_access_key is required to change access_key_id')
    assert patched(datadog) == []


@pytest.mark.parametrize('first, then, held', [(ROLE, dict(KEYS, aws_partition='aws'), 'the IAM role DatadogIntegrationRole'),
                                               (dict(KEYS, aws_partition='aws'), ROLE, 'access keys')])
def test_switching_between_role_and_keys_is_refused_before_any_write(run, datadog, first, then, held):
    run(first)
    outcome = run(then)
    assert outcome.failed
    message = outcome.result['msg']
    assert 'Datadog integrates AWS account 123456789012 with %s' % held in message
    assert 'cannot switch between role and key based auth' in message and 'state=absent' in message
    assert [method for method, _path in datadog.calls()] == ['GET', 'POST', 'GET']


# --- delete ----------------------------------------------------------------------------------------------------

def test_delete_then_delete_again(run, datadog):
    run(ROLE)
    config_id = datadog.state.accounts[0]['id']
    gone = run(dict(aws_account_id=ACCOUNT, state='absent'), diff=True).result
    assert gone['changed'] is True and gone['account'] == {}
    assert gone['diff']['after'] == {} and gone['diff']['before']['auth_config']['role_name'] == 'DatadogIntegrationRole'
    again = run(dict(aws_account_id=ACCOUNT, state='absent')).result
    assert again['changed'] is False
    assert datadog.calls()[2:] == [LOOKUP, ('DELETE', ACCOUNTS + '/' + config_id), LOOKUP]


def test_delete_in_check_mode_deletes_nothing(run, datadog):
    run(ROLE)
    assert run(dict(aws_account_id=ACCOUNT, state='absent'), check_mode=True).result['changed'] is True
    assert len(datadog.state.accounts) == 1


NOT_FOUND_404 = {'status': 404, 'body': {'errors': [{'status': '404', 'title': 'Account not found',
                                                     'detail': 'AWS account with provided id is not integrated'}]}}


def test_a_404_to_a_delete_is_checked_with_a_read(run, datadog):
    run(ROLE)
    datadog.state.faults.extend([{}, NOT_FOUND_404])
    outcome = run(dict(aws_account_id=ACCOUNT, state='absent'))
    assert outcome.failed and outcome.result['status'] == 404
    assert outcome.result['msg'].endswith('Datadog still holds the integration of AWS account %s: nothing was '
                                          'deleted.' % ACCOUNT)
    datadog.state.faults.extend([{}, dict(NOT_FOUND_404, act=True)])
    outcome = run(dict(aws_account_id=ACCOUNT, state='absent'))
    assert not outcome.failed and outcome.result['changed'] is True and datadog.state.accounts == []
    assert 'HTTP 404) and a read-back found it gone' in json.dumps(outcome.result['warnings'])
    assert [method for method, _path in datadog.calls()][-4:] == ['GET', 'GET', 'DELETE', 'GET']


# --- errors, in Datadog's words ----------------------------------------------------------------------------------

def test_an_expired_external_id_says_why_and_how_to_get_a_fresh_one(run, datadog):
    minted = datadog.state.mint('v2')
    datadog.state.clock_offset_ns += 49 * 3600 * 10 ** 9
    outcome = run(dict(ROLE, external_id=minted))
    assert outcome.failed and outcome.result['status'] == 400
    assert 'invalid External ID' in outcome.result['msg']
    assert 'may have been created' not in outcome.result['msg'], 'a 400 is a refusal: nothing was created'
    assert '48 hours' in outcome.result['msg'] and 'ddog.aws.datadog_aws_external_id' in outcome.result['msg']


def test_datadogs_own_refusal_of_a_namespace_is_quoted(run, datadog):
    """Should Datadog refuse a name its catalogue listed (the catalogue changed between the two reads), its words."""
    refusal = {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'invalid value', 'meta': {
        'metrics_config.namespace_filters.include_only': 'invalid namespaces: [AWS/EC2]'}}]}
    datadog.state.faults.extend([{}, {}, {'status': 400, 'body': refusal, 'content_type': 'application/vnd.api+json'}])
    outcome = run(dict(ROLE, metrics_config={'namespace_filters': {'include_only': ['AWS/EC2']}}))
    assert outcome.failed and outcome.result['status'] == 400
    assert 'invalid namespaces: [AWS/EC2]' in outcome.result['msg']
    assert 'metrics_config.namespace_filters.include_only' in outcome.result['msg']


# --- names Datadog does not know -------------------------------------------------------------------------------

NAMESPACES = ('GET', '/api/v2/integration/aws/available_namespaces')
SERVICES = ('GET', '/api/v2/integration/aws/logs/services')
UNKNOWN_NAMES = dict(ROLE, metrics_config={'namespace_filters': {'include_only': ['AWS/EC2', 'AWS/EC3']}},
                     logs_config={'lambda_forwarder': {'sources': ['s3', 'cloudtrial']}})


@pytest.mark.parametrize('check_mode', [True, False])
def test_unknown_names_are_refused_before_any_write_with_the_closest_known(run, datadog, check_mode):
    outcome = run(UNKNOWN_NAMES, check_mode=check_mode)
    assert outcome.failed and 'status' not in outcome.result
    assert outcome.result['msg'] == (
        'metrics_config.namespace_filters.include_only: AWS/EC3 is not a CloudWatch namespace Datadog knows (closest: '
        'AWS/EC2, AWS/ECR, AWS/ECS); logs_config.lambda_forwarder.sources: cloudtrial is not a log source Datadog '
        'knows (closest: cloudtrail, cloudfront). ddog.aws.datadog_aws_catalog_info lists the names Datadog knows. Nothing was '
        'changed.')
    assert datadog.calls() == [LOOKUP, NAMESPACES, SERVICES]


@pytest.mark.parametrize('settings, option', [
    ({'metrics_config': {'tag_filters': [{'namespace': 'AWS/Nothing', 'tags': ['a:b']}]}},
     'metrics_config.tag_filters[].namespace: AWS/Nothing'),
    ({'metrics_config': {'metric_name_filters': [{'namespace': 'AWS/Nothing', 'include_only': ['x']}]}},
     'metrics_config.metric_name_filters[].namespace: AWS/Nothing'),
    ({'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/Nothing']}}},
     'metrics_config.namespace_filters.exclude_only: AWS/Nothing'),
    ({'logs_config': {'lambda_forwarder': {'log_source_config': {'tag_filters': [{'source': 'nothing'}]}}}},
     'logs_config.lambda_forwarder.log_source_config.tag_filters[].source: nothing'),
])
def test_every_option_that_names_a_namespace_or_a_source_is_checked(run, datadog, settings, option):
    run(ROLE)
    outcome = run(dict(ROLE, **settings), check_mode=True)
    assert outcome.failed and option in outcome.result['msg']
    outcome = run(dict(ROLE, **settings))
    assert outcome.failed and option in outcome.result['msg']
    assert [method for method, _path in datadog.calls()].count('PATCH') == 0


def test_names_are_checked_only_when_a_write_sends_them_and_read_once(run, datadog):
    settings = dict(ROLE, metrics_config={'namespace_filters': {'exclude_only': ['AWS/SQS', 'AWS/Usage']}},
                    logs_config={'lambda_forwarder': {'sources': ['s3']}})
    assert run(settings).result['changed'] is True
    assert datadog.calls() == [LOOKUP, NAMESPACES, SERVICES, ('POST', ACCOUNTS)]
    del datadog.state.journal[:]
    assert run(settings).result['changed'] is False
    assert run(settings, check_mode=True).result['changed'] is False
    assert datadog.calls() == [LOOKUP, LOOKUP], 'a rerun reads no catalogue'
    del datadog.state.journal[:]
    assert run(dict(settings, account_tags=['team:a'])).result['changed'] is True
    assert [call for call in datadog.calls() if call[0] == 'GET'] == [LOOKUP], 'the PATCH names nothing'
    del datadog.state.journal[:]
    changed = dict(settings, logs_config={'lambda_forwarder': {'sources': ['s3', 'lambda']}})
    assert run(changed, check_mode=True).result['changed'] is True
    assert datadog.calls() == [LOOKUP, SERVICES], 'only the part a write names'


def test_the_catalogue_is_read_once_though_a_lost_create_is_sent_again(run, datadog, waits):
    datadog.state.faults.extend([{}, {}, {'drop': True}, {}, {}])
    outcome = run(dict(ROLE, metrics_config={'namespace_filters': {'include_only': ['AWS/EC2']}}))
    assert not outcome.failed and outcome.result['changed'] is True
    assert datadog.calls() == [LOOKUP, NAMESPACES, ('POST', ACCOUNTS), LOOKUP, ('POST', ACCOUNTS)]


CONFLICT_409 = {'status': 409, 'body': {'errors': [{'status': '409', 'title': 'Account already exists',
                                                   'detail': 'AWS account with provided id already exists'}]}}


def test_a_409_because_another_run_created_it_is_read_back_and_compared(run, datadog):
    datadog.state.faults.extend([{}, dict(CONFLICT_409, act=True)])  # the other run's create, seen as ours
    outcome = run(ROLE)
    assert not outcome.failed and outcome.result['changed'] is False
    assert datadog.calls() == [LOOKUP, ('POST', ACCOUNTS), LOOKUP]
    assert len(datadog.state.accounts) == 1
    assert 'HTTP 409' in json.dumps(outcome.result['warnings']) and 'read back' in json.dumps(outcome.result['warnings'])


def test_a_create_whose_answer_is_lost_is_read_back_not_sent_again(run, datadog, waits):
    datadog.state.faults.extend([{}, {'lose_answer': True}])
    outcome = run(ROLE)
    assert not outcome.failed and outcome.result['changed'] is True
    assert datadog.calls() == [LOOKUP, ('POST', ACCOUNTS), LOOKUP]
    assert len(datadog.state.accounts) == 1, 'Datadog acted before the answer was lost'
    assert outcome.result['external_id'] == datadog.state.accounts[0]['attributes']['auth_config']['external_id']
    assert run(ROLE).result['changed'] is False


@pytest.mark.parametrize('acted', [True, False])
def test_a_500_to_a_create_is_followed_by_a_read_and_only_then_by_a_new_create(run, datadog, waits, acted):
    datadog.state.faults.extend([{}, {'status': 500, 'act': acted, 'body': {
        'errors': ['Could not update AWS Integration due to conflicting updates']}}])
    outcome = run(ROLE)
    assert not outcome.failed and outcome.result['changed'] is True
    assert datadog.calls() == [LOOKUP, ('POST', ACCOUNTS), LOOKUP] + ([] if acted else [('POST', ACCOUNTS)])
    assert len(datadog.state.accounts) == 1


def test_a_patch_datadog_applied_but_answered_502_is_a_change_inferred_from_the_read_back(run, datadog, waits):
    run(ROLE)
    datadog.state.faults.extend([{}, {'status': 502, 'act': True}])
    outcome = run(dict(ROLE, retries=0, account_tags=['team:a']), diff=True)
    assert datadog.state.accounts[0]['attributes']['account_tags'] == ['team:a'], 'Datadog acted on the PATCH'
    assert not outcome.failed and outcome.result['changed'] is True
    assert datadog.calls()[-3:] == [LOOKUP, ('PATCH', '%s/%s' % (ACCOUNTS, datadog.state.accounts[0]['id'])), LOOKUP]
    diff = outcome.result['diff']
    assert (diff['before']['account_tags'], diff['after']['account_tags']) == ([], ['team:a'])
    warnings = json.dumps(outcome.result['warnings'])
    assert 'HTTP 502' in warnings and 'reported as changed by this run, which is inferred' in warnings
    assert run(dict(ROLE, account_tags=['team:a'])).result['changed'] is False


def test_creates_that_keep_failing_are_sent_retries_plus_one_times_each_after_a_read(run, datadog, waits):
    datadog.state.faults.extend([{}] + [{'status': 500}, {}] * 3)
    outcome = run(dict(ROLE, retries=2))
    assert outcome.failed and outcome.result['status'] == 500
    assert [method for method, _path in datadog.calls()] == ['GET'] + ['POST', 'GET'] * 3
    assert datadog.state.accounts == []


def test_a_lost_delete_answer_then_a_404_is_reported_as_deleted_with_a_warning(run, datadog, waits):
    run(ROLE)
    datadog.state.faults.extend([{}, {'lose_answer': True}])
    outcome = run(dict(aws_account_id=ACCOUNT, state='absent'))
    assert not outcome.failed and outcome.result['changed'] is True
    assert [method for method, _path in datadog.calls()] == ['GET', 'POST', 'GET', 'DELETE', 'DELETE', 'GET']
    assert 'inferred' in json.dumps(outcome.result['warnings']), json.dumps(outcome.result)
    assert datadog.state.accounts == []


@pytest.mark.parametrize('granted, args, permission', [
    ([], ROLE, 'aws_configuration_read'),
    (['aws_configuration_read'], ROLE, 'aws_configurations_manage'),
    (['aws_configuration_read', 'aws_configurations_manage'], dict(ROLE, account_tags=['x:y']), 'aws_configuration_edit'),
])
def test_a_missing_permission_is_named(run, datadog, granted, args, permission):
    if permission == 'aws_configuration_edit':
        run(ROLE)  # an integration to update
    datadog.state.granted = granted
    outcome = run(args)
    assert outcome.failed and outcome.result['status'] == 403
    assert 'needs the application key permission %s' % permission in outcome.result['msg']


def test_an_integration_in_another_partition_is_not_touched(run, datadog):
    run(ROLE)
    for state in ('present', 'absent'):
        outcome = run(dict(ROLE, aws_partition='aws-us-gov', site='ddog-gov.com', state=state))
        assert outcome.failed and 'in the aws partition, not aws-us-gov' in outcome.result['msg']
    assert [method for method, _path in datadog.calls()] == ['GET', 'POST', 'GET', 'GET']


@pytest.mark.parametrize('args, message', [
    (dict(ROLE, aws_account_id='12345678901'), 'aws_account_id must be exactly 12 digits'),
    (dict(ROLE, role_name='bad role'), 'role_name must be 1 to 64 characters'),
    (dict(ROLE, access_key_id='AKIA'), 'parameters are mutually exclusive: role_name|access_key_id'),
    (dict(aws_account_id=ACCOUNT, external_id='abc'), 'missing parameter(s) required by \'external_id\': role_name'),
    (dict(ROLE, aws_regions={'include_all': True, 'include_only': ['x']}), 'mutually exclusive: include_all|include_only'),
    (dict(ROLE, aws_regions={}), 'one of the following is required: include_all, include_only'),
    (dict(ROLE, metrics_config={'metric_name_filters': [{'namespace': 'AWS/EC2', 'include_only': ['a'],
                                                         'exclude_only': ['b']}]}),
     'mutually exclusive: include_only|exclude_only found in metrics_config -> metric_name_filters'),
    (dict(ROLE, metrics_config={'metric_name_filters': [{'namespace': 'AWS/EC2'}]}),
     'one of the following is required: include_only, exclude_only found in metrics_config -> metric_name_filters'),
    (dict(ROLE, metrics_config={'metric_name_filters': [{'include_only': ['a']}]}),
     'missing required arguments: namespace found in metrics_config -> metric_name_filters'),
    (dict(ROLE, aws_partition='aws-cn'), 'no Datadog site serves role authentication in the aws-cn partition'),
])
def test_bad_input_fails_clearly_before_any_write(run, datadog, args, message):
    outcome = run(args)
    assert outcome.failed and message in outcome.result['msg']
    assert [method for method, _path in datadog.calls()] in ([], ['GET'])


def test_the_diff_never_holds_a_secret_or_timestamps(run, datadog):
    outcome = run(KEYS, diff=True)
    text = json.dumps(outcome.result['diff'])
    assert 'secret_access_key' not in text and 'created_at' not in text and 'modified_at' not in text


@pytest.mark.parametrize('attributes', [
    {'aws_account_id': ACCOUNT, 'aws_partition': ['aws']},
    {'aws_account_id': ACCOUNT, 'auth_config': 'role'},
    {'aws_account_id': 123456789012},
    {'aws_account_id': ACCOUNT, 'metrics_config': []},
])
def test_an_account_shaped_unlike_the_api_documents_is_a_clear_error(run_module, attributes):
    listing = {'status': 200, 'body': {'data': [{'id': '4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0', 'attributes': attributes}]}}
    with MisbehavingServer([listing]) as datadog:
        outcome = run_module(MODULE.main, dict(ROLE, api_host=datadog.url))
    assert outcome.failed and 'not shaped as its API documents' in outcome.result['msg']
    assert [entry['method'] for entry in datadog.journal] == ['GET']


@pytest.mark.parametrize('padding', [250, 280, 290, 295])
def test_a_secret_echoed_where_a_message_is_cut_leaves_no_part_of_it(run_module, padding):
    """Every no_log option is masked before any text is cut: Ansible's own no_log masks whole values only."""
    echoed = {'errors': ['x' * padding + ' rejected secret_access_key=%s' % AWS_SECRET]}
    with MisbehavingServer([{'status': 200, 'body': {'data': []}}, {'status': 400, 'body': echoed}]) as datadog:
        outcome = run_module(MODULE.main, dict(KEYS, api_host=datadog.url))
    assert outcome.failed and outcome.result['status'] == 400
    for start in range(len(AWS_SECRET) - 7):
        assert AWS_SECRET[start:start + 8] not in outcome.stdout, 'a piece of the secret is in the output'


def test_repeated_list_items_are_sent_once_and_compared_as_one(run, datadog):
    settings = dict(ROLE, account_tags=['team:a', 'team:a', 'env:prod'],
                    aws_regions={'include_only': ['us-east-1', 'us-east-1']},
                    metrics_config={'namespace_filters': {'exclude_only': ['AWS/SQS', 'AWS/SQS']},
                                    'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['a:1', 'a:1']},
                                                    {'namespace': 'AWS/EC2', 'tags': ['a:1']}]})
    assert run(settings).result['changed'] is True
    sent = datadog.bodies('POST')[0]['data']['attributes']
    assert sent['account_tags'] == ['team:a', 'env:prod']
    assert sent['aws_regions'] == {'include_only': ['us-east-1']}
    assert sent['metrics_config'] == {'namespace_filters': {'exclude_only': ['AWS/SQS']},
                                      'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['a:1']}]}
    assert run(settings).result['changed'] is False and patched(datadog) == []


@pytest.mark.parametrize('member', ['include_only', 'exclude_only'])
def test_an_empty_metric_name_filter_is_refused_before_any_request(run, datadog, member):
    """Including no name and excluding none are opposites that would compare alike: a switch would send nothing."""
    filters = [{'namespace': 'AWS/RDS', 'exclude_only': ['aws.rds.aurora*']}, {'namespace': 'AWS/EC2', member: []}]
    outcome = run(dict(ROLE, metrics_config={'metric_name_filters': filters}))
    assert outcome.failed and outcome.result['msg'] == (
        'metrics_config.metric_name_filters[1].%s is empty; it needs at least one metric name pattern. To collect no '
        'metric of AWS/EC2, leave it out in metrics_config.namespace_filters; to collect every one, give it no entry '
        'in metric_name_filters.' % member)
    assert datadog.calls() == []


def test_switching_a_metric_name_filter_between_include_and_exclude_is_a_change(run, datadog):
    run(dict(ROLE, metrics_config={'metric_name_filters': [{'namespace': 'AWS/EC2', 'exclude_only': ['aws.ec2.a']}]}))
    switched = [{'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.a']}]
    assert run(dict(ROLE, metrics_config={'metric_name_filters': switched})).result['changed'] is True
    assert datadog.state.accounts[0]['attributes']['metrics_config']['metric_name_filters'] == switched


def test_metric_name_filters_compare_as_sets_and_are_replaced_whole(run, datadog):
    """A playbook ported from Terraform's metric_name_filters: sent only when given, compared as a set, in the diff."""
    filters = [{'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in', 'aws.ec2.network_out']},
               {'namespace': 'AWS/RDS', 'exclude_only': ['aws.rds.aurora*']}]
    datadog.control('POST', 'reorder', {'enabled': True})
    created = run(dict(ROLE, metrics_config={'metric_name_filters': filters}), diff=True).result
    assert datadog.bodies('POST')[0]['data']['attributes']['metrics_config'] == {'metric_name_filters': filters}
    held = datadog.state.accounts[0]['attributes']['metrics_config']['metric_name_filters']
    assert held != filters and created['account']['metrics_config']['metric_name_filters'] == held
    # The diff shows lists in a stable order, whatever order they are sent or held in.
    assert created['diff']['after']['metrics_config']['metric_name_filters'] == [
        {'namespace': 'AWS/RDS', 'exclude_only': ['aws.rds.aurora*']},
        {'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in', 'aws.ec2.network_out']}]
    shuffled = [dict(filters[1]), dict(filters[0], include_only=list(reversed(filters[0]['include_only'])))]
    assert run(dict(ROLE, metrics_config={'metric_name_filters': shuffled})).result['changed'] is False
    assert run(dict(ROLE, metrics_config={'collect_custom_metrics': False})).result['changed'] is False
    assert patched(datadog) == []
    narrowed = [{'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in']}]
    outcome = run(dict(ROLE, metrics_config={'metric_name_filters': narrowed}), diff=True)
    assert outcome.result['changed'] is True
    assert patched(datadog) == [{'aws_account_id': ACCOUNT, 'aws_partition': 'aws',
                                 'metrics_config': {'metric_name_filters': narrowed}}]
    assert outcome.result['diff']['before']['metrics_config']['metric_name_filters'] != \
        outcome.result['diff']['after']['metrics_config']['metric_name_filters'] == narrowed
    assert run(dict(ROLE, metrics_config={'metric_name_filters': []})).result['changed'] is True
    assert datadog.state.accounts[0]['attributes']['metrics_config']['metric_name_filters'] == []
