# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The per-account engine, both sides at once: the project's Datadog emulator and moto, each on loopback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import json

import boto3
import pytest

from ansible_collections.ddog.aws.plugins.module_utils import _accounts, _iam
from ansible_collections.ddog.aws.plugins.module_utils._aws import InvalidValue
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, DatadogClient
from ansible_collections.ddog.aws.plugins.module_utils._integration import Ask, Engine
from ansible_collections.ddog.aws.tests.emulator import datadog_emulator as emulator
from ansible_collections.ddog.aws.tests.unit.plugins.module_utils.test__iam import Recorder, make_policy, make_role, snapshot

ACCOUNT = '123456789012'
ROLE = 'DatadogIntegrationRole'
SITE = 'datadoghq.eu'
PRINCIPAL = 'arn:aws:iam::464622532012:root'
WRITES = ('POST', 'PATCH', 'PUT', 'DELETE')


@pytest.fixture
def iam(moto):
    client = boto3.client('iam', endpoint_url=moto, region_name='us-east-1', aws_access_key_id='testing',
                          aws_secret_access_key='testing')
    client.recorder = Recorder(client)
    return client


@pytest.fixture
def client(datadog):
    return DatadogClient(api_key=emulator.DEFAULT_API_KEY, app_key=emulator.DEFAULT_APP_KEY, api_host=datadog.url,
                         ca_path=datadog.ca_path, site=SITE)


def run(client, iam, check_mode=False, shared=None, **asked):
    """One account's run; shared: the once-per-run reads (permissions, integrations), or None to read them here."""
    values = dict(aws_account_id=ACCOUNT, role_name=ROLE)
    values.update(asked)
    if shared is not None:
        values.update(permissions=shared['permissions'], integrations=shared['integrations'])
    engine = Engine(client, iam, SITE, Ask(**values), check_mode=check_mode)
    result = engine.run()
    result['warnings'] = engine.warnings
    return result


def shared_reads(client):
    from ansible_collections.ddog.aws.plugins.module_utils import _permissions

    return dict(permissions=_permissions.read(client), integrations=_accounts.list_accounts(client))


def datadog_writes(datadog):
    return [(entry['method'], entry['path']) for entry in datadog.state.journal if entry['method'] in WRITES]


def trusted_id(iam):
    document = iam.get_role(RoleName=ROLE)['Role']['AssumeRolePolicyDocument']
    return document['Statement'][0]['Condition']['StringEquals']['sts:ExternalId']


def held(datadog):
    return [account['attributes'] for account in datadog.state.accounts]


def test_from_nothing_both_sides_agree(client, iam, datadog):
    result = run(client, iam, settings={'account_tags': ['team:platform']})
    assert result['outcome'] == 'created' and result['changed']
    integration, = held(datadog)
    assert integration['auth_config']['role_name'] == ROLE and integration['account_tags'] == ['team:platform']
    assert result['external_id'] == integration['auth_config']['external_id'] == trusted_id(iam)
    assert result['role_arn'] == 'arn:aws:iam::%s:role/%s' % (ACCOUNT, ROLE)
    assert result['account_config_id'] == datadog.state.accounts[0]['id']
    assert sorted(iam.list_attached_role_policies(RoleName=ROLE)['AttachedPolicies'][0]) == ['PolicyArn', 'PolicyName']
    assert result['policy_arns'] == sorted(policy['PolicyArn'] for policy in
                                           iam.list_attached_role_policies(RoleName=ROLE)['AttachedPolicies'])
    assert [entry['source'] for entry in datadog.state.minted] == ['account'], 'Datadog minted the ID, nothing else'


def test_a_rerun_with_the_reads_of_the_run_sends_nothing_to_datadog_and_writes_nothing(client, iam, datadog):
    run(client, iam)
    shared = shared_reads(client)
    journal, iam.recorder.operations[:] = len(datadog.state.journal), []
    result = run(client, iam, shared=shared)
    assert result['outcome'] == 'unchanged' and not result['changed']
    assert datadog.state.journal[journal:] == []
    assert iam.recorder.writes() == [] and len(iam.recorder.operations) <= 2 + 4
    assert result['diff']['before'] == result['diff']['after']


def test_check_mode_writes_nothing_anywhere_and_mints_nothing(client, iam, datadog):
    result = run(client, iam, check_mode=True)
    assert result['outcome'] == 'created' and result['external_id'] == _accounts.PLACEHOLDER_ID
    assert datadog_writes(datadog) == [] and iam.recorder.writes() == [] and datadog.state.minted == []
    assert result['diff']['before'] == {'datadog': {}, 'iam': {}}
    assert result['diff']['after']['iam']['role']['trust_policy']['Statement'][0]['Principal']['AWS'] == PRINCIPAL
    assert result['iam_actions'][0] == 'create the role %s' % ROLE


CATALOGUE_READS = ('/api/v2/integration/aws/available_namespaces', '/api/v2/integration/aws/logs/services')
NAMED = {'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/SQS']}},
         'logs_config': {'lambda_forwarder': {'sources': ['s3']}}}


def catalogue_reads(datadog):
    return [entry['path'] for entry in datadog.state.journal if entry['path'] in CATALOGUE_READS]


@pytest.mark.parametrize('check_mode', [True, False])
def test_unknown_names_are_refused_before_any_write_in_datadog_or_aws(client, iam, datadog, check_mode):
    with pytest.raises(InvalidValue) as refused:
        run(client, iam, check_mode=check_mode,
            settings={'metrics_config': {'metric_name_filters': [{'namespace': 'AWS/Lamda', 'include_only': ['x']}]}})
    assert str(refused.value).startswith('metrics_config.metric_name_filters[].namespace: AWS/Lamda is not a '
                                         'CloudWatch namespace Datadog knows (closest: AWS/Lambda')
    assert datadog_writes(datadog) == [] and iam.recorder.writes() == [] and datadog.state.minted == []
    assert catalogue_reads(datadog) == [CATALOGUE_READS[0]]


def test_an_empty_metric_name_filter_is_refused_before_any_request(client, iam, datadog):
    with pytest.raises(InvalidValue) as refused:
        run(client, iam, settings={'metrics_config': {'metric_name_filters': [{'namespace': 'AWS/EC2',
                                                                               'include_only': []}]}})
    assert str(refused.value).startswith('metrics_config.metric_name_filters[0].include_only is empty')
    assert datadog.state.journal == [] and iam.recorder.operations == []


def test_the_catalogue_of_the_run_is_used_and_a_rerun_reads_none(client, iam, datadog):
    given = {'namespaces': ['AWS/SQS'], 'logs_services': ['s3']}
    result = run(client, iam, settings=NAMED, catalog=given)
    assert result['outcome'] == 'created' and catalogue_reads(datadog) == []
    with pytest.raises(InvalidValue, match='AWS/Usage is not a CloudWatch namespace Datadog knows'):
        run(client, iam, catalog=given, settings={'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/Usage']}}})
    assert run(client, iam, settings=NAMED)['outcome'] == 'unchanged'
    assert catalogue_reads(datadog) == [], 'nothing to write, nothing to check'
    assert run(client, iam, settings=dict(NAMED, account_tags=['a:b']))['outcome'] == 'updated'
    assert catalogue_reads(datadog) == [], 'the PATCH names nothing'
    run(client, iam, settings={'logs_config': {'lambda_forwarder': {'sources': ['s3', 'lambda']}}},
        catalog={'namespaces': ['AWS/SQS']})
    assert catalogue_reads(datadog) == [CATALOGUE_READS[1]], 'the part left out is read when a write needs it'


def test_without_a_catalogue_given_only_a_write_that_names_names_reads_it(client, iam, datadog):
    """As the role runs each account: nothing read for the run, the catalogue read by the task whose write needs it."""
    assert run(client, iam, settings=NAMED)['outcome'] == 'created'
    assert catalogue_reads(datadog) == list(CATALOGUE_READS)
    assert run(client, iam, settings=NAMED)['outcome'] == 'unchanged'
    assert run(client, iam, check_mode=True, settings=NAMED)['outcome'] == 'unchanged'
    assert run(client, iam, settings=dict(NAMED, account_tags=['a:b']))['outcome'] == 'updated'
    assert catalogue_reads(datadog) == list(CATALOGUE_READS), 'no write, or a write that names none, reads none'


@pytest.mark.parametrize('state', ['present', 'absent'])
@pytest.mark.parametrize('holder, words', [({'access_key_id': 'AKIAIOSFODNN7EXAMPLE'}, 'with access keys'),
                                           ({'role_name': 'SomeoneElsesRole'}, 'with the role SomeoneElsesRole')])
def test_an_integration_held_otherwise_is_refused_before_any_write(client, iam, datadog, state, holder, words):
    datadog.state.add_account(ACCOUNT, **holder)
    present_before = snapshot(iam)
    with pytest.raises(DatadogAPIError) as error:
        run(client, iam, state=state)
    assert 'Datadog integrates AWS account %s %s, not with the role %s' % (ACCOUNT, words, ROLE) in error.value.message
    assert 'Nothing was changed' in error.value.message
    assert datadog_writes(datadog) == [] and iam.recorder.writes() == [] and snapshot(iam) == present_before
    assert len(datadog.state.accounts) == 1


@pytest.mark.parametrize('state', ['present', 'absent'])
def test_a_foreign_role_is_refused_before_datadog_is_written(client, iam, datadog, state):
    make_role(iam, ROLE)
    if state == 'absent':
        datadog.state.add_account(ACCOUNT, role_name=ROLE)
    before = snapshot(iam)
    with pytest.raises(_iam.AWSError, match='was not created by ddog.aws'):
        run(client, iam, state=state)
    assert datadog_writes(datadog) == [] and snapshot(iam) == before


def test_an_id_the_role_already_trusts_is_reused(client, iam, datadog):
    minted = datadog.state.mint('v2')
    run(client, iam)  # then Datadog's integration goes, as a teardown interrupted after it would leave things
    datadog.state.accounts[:] = []
    iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=json.dumps(
        {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': PRINCIPAL},
                                                 'Action': 'sts:AssumeRole',
                                                 'Condition': {'StringEquals': {'sts:ExternalId': minted}}}]}))
    result = run(client, iam)
    assert result['outcome'] == 'created' and result['external_id'] == minted == trusted_id(iam)
    assert held(datadog)[0]['auth_config']['external_id'] == minted


def test_an_expired_trusted_id_is_replaced_in_the_same_run(client, iam, datadog):
    run(client, iam)
    old = trusted_id(iam)
    datadog.state.accounts[:] = []
    datadog.state.clock_offset_ns += 49 * 3600 * 10 ** 9
    result = run(client, iam)
    assert result['outcome'] == 'created' and result['external_id'] != old
    assert trusted_id(iam) == result['external_id'] == held(datadog)[0]['auth_config']['external_id']
    assert any('Datadog minted a new one' in warning for warning in result['warnings'])
    assert [method for method, _path in datadog_writes(datadog)].count('POST') == 3  # first run, refused, minted


def test_rotation_gives_both_sides_a_new_id(client, iam, datadog):
    first = run(client, iam)['external_id']
    result = run(client, iam, rotate=True)
    assert result['outcome'] == 'updated' and result['external_id'] != first
    assert trusted_id(iam) == result['external_id'] == held(datadog)[0]['auth_config']['external_id']
    assert [entry['source'] for entry in datadog.state.minted] == ['account', 'v2']


def test_cloud_security_collection_attaches_security_audit(client, iam, datadog):
    run(client, iam, settings={'resources_config': {'cloud_security_posture_management_collection': True}})
    attached = [policy['PolicyArn'] for policy in iam.list_attached_role_policies(RoleName=ROLE)['AttachedPolicies']]
    assert 'arn:aws:iam::aws:policy/SecurityAudit' in attached


def test_teardown_deletes_datadogs_side_first_then_the_role_and_again_changes_nothing(client, iam, datadog):
    run(client, iam)
    make_role(iam, 'Bystander')
    bystander = make_policy(iam, ROLE + 'Policy-1', path='/team-x/', attach_to=['Bystander'])
    result = run(client, iam, state='absent')
    assert result['outcome'] == 'deleted' and datadog.state.accounts == []
    view = snapshot(iam)
    assert sorted(view['roles']) == ['Bystander'] and sorted(view['policies']) == [bystander]
    again = run(client, iam, state='absent')
    assert again['outcome'] == 'unchanged' and not again['changed']


def test_an_integration_in_another_partition_is_refused(client, iam, datadog):
    datadog.state.add_account(ACCOUNT, role_name=ROLE, aws_partition='aws-us-gov')
    with pytest.raises(DatadogAPIError, match='in the aws-us-gov partition, not aws'):
        run(client, iam)
    assert datadog_writes(datadog) == [] and iam.recorder.writes() == []


class Interrupted(BaseException):
    """What a crash or Ctrl-C does to a run: nothing in the engine catches it."""


def interrupt_after(writes, client, iam):
    """Make the run die right after its writes-th write, to Datadog or to IAM, once that write took effect."""
    done = []

    def count(method=None, **_kwargs):
        done.append(method)
        if len(done) == writes:
            raise Interrupted()

    def on_iam(model, **_kwargs):
        if not model.name.startswith(('Get', 'List')):
            count(model.name)

    iam.meta.events.register('after-call.iam', on_iam)
    request = client.request

    def datadog_request(method, path, **kwargs):
        answer = request(method, path, **kwargs)
        if method != 'GET':
            count(method)
        return answer

    client.request = datadog_request
    return lambda: (iam.meta.events.unregister('after-call.iam', on_iam), setattr(client, 'request', request))


@pytest.mark.parametrize('state', ['present', 'absent'])
def test_a_run_interrupted_after_any_write_is_completed_by_the_next(client, iam, datadog, state):
    """Every write of a run, in turn, is the last one before the run dies; the next run completes, the third is quiet."""
    settings = {'resources_config': {'cloud_security_posture_management_collection': True}}
    if state == 'absent':
        run(client, iam, settings=settings)
    complete = None
    writes = 1
    while True:
        if state == 'present':
            datadog.state.reset()
            for role in iam.list_roles()['Roles']:
                run(client, iam, state='absent', role_name=role['RoleName'])
        else:
            run(client, iam, settings=settings)
        restore = interrupt_after(writes, client, iam)
        try:
            run(client, iam, state=state, settings=settings)
            finished = True
        except Interrupted:
            finished = False
        finally:
            restore()
        if finished:
            break
        run(client, iam, state=state, settings=settings)
        view = snapshot(iam)
        if state == 'present':
            assert trusted_id(iam) == held(datadog)[0]['auth_config']['external_id']
            complete = complete or view
            assert view['roles'][ROLE]['attached'] == complete['roles'][ROLE]['attached']
        else:
            assert view == {'roles': {}, 'policies': {}, 'instance_profiles': {}} and datadog.state.accounts == []
        assert run(client, iam, state=state, settings=settings)['outcome'] == 'unchanged'
        writes += 1
    assert writes > 5, 'the run writes several times, each was interrupted once'


def test_a_key_that_cannot_read_fails_with_datadogs_reason_before_any_aws_request(client, datadog):
    datadog.state.granted = []
    connected = []
    engine = Engine(client, lambda: connected.append(True), SITE, Ask(aws_account_id=ACCOUNT, role_name=ROLE))
    with pytest.raises(DatadogAPIError) as error:
        engine.run()
    assert error.value.status == 403 and 'aws_configuration_read' in error.value.message
    assert connected == [], 'AWS was not touched'


def test_an_account_refused_by_datadogs_side_costs_no_aws_request(client, datadog):
    datadog.state.add_account(ACCOUNT, access_key_id='AKIAIOSFODNN7EXAMPLE')
    connected = []
    engine = Engine(client, lambda: connected.append(True), SITE, Ask(aws_account_id=ACCOUNT, role_name=ROLE))
    with pytest.raises(DatadogAPIError, match='with access keys'):
        engine.run()
    assert connected == []


def test_the_credentials_an_assumed_role_gives_never_reach_the_result(client, datadog, moto):
    connect = functools.partial(_iam.connect, ACCOUNT, 'aws', access_key='testing', secret_key='testing',
                                endpoint_url=moto,
                                assume_role_arn='arn:aws:iam::%s:role/OrganizationAccountAccessRole' % ACCOUNT)
    engine = Engine(client, connect, SITE, Ask(aws_account_id=ACCOUNT, role_name=ROLE))
    text = json.dumps(engine.run())
    # moto's temporary access key IDs start with ASIA, its session tokens with FQoGZXIvYXdzE.
    assert 'ASIA' not in text and 'FQoGZXIvYXdzE' not in text and 'testing' not in text
