# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The IAM side against moto on loopback: each clause of the ownership contract, against foreign look-alikes.

Every test that puts something foreign in the account checks, with a snapshot of the whole account's IAM, that it
is exactly as it was afterwards.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

import boto3
import pytest

from ansible_collections.ddog.aws.plugins.module_utils import _iam
from ansible_collections.ddog.aws.plugins.module_utils._aws import policy_documents, trust_policy

ACCOUNT = '123456789012'  # moto's account for credentials it does not know
SITE = 'datadoghq.eu'
PRINCIPAL = 'arn:aws:iam::464622532012:root'
ROLE = 'DatadogIntegrationRole'
# Enough actions for three small policies.
ACTIONS = ['ec2:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*', 'tag:GetResources', 'tag:GetTagKeys',
           'tag:GetTagValues', 'rds:Describe*', 's3:GetBucketLocation', 'sns:List*', 'sqs:ListQueues']
DOCUMENTS = policy_documents(ACTIONS, max_size=165)
SECURITY_AUDIT = 'arn:aws:iam::aws:policy/SecurityAudit'
EC2_TRUST = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'},
                                                     'Action': 'sts:AssumeRole'}]}
SOME_DOCUMENT = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:ListBucket', 'Resource': '*'}]}


class Recorder:
    """The IAM operations a client sent, in order."""

    def __init__(self, client):
        self.operations = []
        client.meta.events.register('before-call.iam', self._record)

    def _record(self, model, **_kwargs):
        self.operations.append(model.name)

    def writes(self):
        return [name for name in self.operations if not name.startswith(('Get', 'List'))]

    def clear(self):
        del self.operations[:]


@pytest.fixture
def iam(moto):
    client = boto3.client('iam', endpoint_url=moto, region_name='us-east-1', aws_access_key_id='testing',
                          aws_secret_access_key='testing')
    client.recorder = Recorder(client)
    assert len(DOCUMENTS) == 3
    return client


def spec(**overrides):
    values = dict(account_id=ACCOUNT, partition='aws', role_name=ROLE, site=SITE,
                  trust_policy=trust_policy(PRINCIPAL, 'a4e4a6b4c2cf4638a58b1febc6b856e9'), documents=DOCUMENTS)
    values.update(overrides)
    return _iam.RoleSpec(**values)


def present(iam, check_mode=False, **overrides):
    side = _iam.IAMSide(iam, spec(**overrides), check_mode=check_mode)
    state = side.read()
    side.arn = side.present(state)
    side.state = state
    return side


def absent(iam, check_mode=False, **overrides):
    side = _iam.IAMSide(iam, spec(documents=[], **overrides), check_mode=check_mode)
    state = side.read()
    side.absent(state, side.plan_absent(state))
    return side


def snapshot(iam):
    """Everything the account's IAM holds that is not AWS's: roles, customer managed policies, instance profiles."""
    roles = {}
    for role in iam.list_roles()['Roles']:
        name = role['RoleName']
        held = iam.get_role(RoleName=name)['Role']
        roles[name] = {
            'path': held['Path'], 'trust': held['AssumeRolePolicyDocument'], 'description': held.get('Description'),
            'boundary': (held.get('PermissionsBoundary') or {}).get('PermissionsBoundaryArn'),
            'max_session_duration': held.get('MaxSessionDuration'),
            'tags': sorted((tag['Key'], tag['Value']) for tag in held.get('Tags', [])),
            'attached': sorted(policy['PolicyArn'] for policy in
                               iam.list_attached_role_policies(RoleName=name)['AttachedPolicies']),
            'inline': dict((policy, iam.get_role_policy(RoleName=name, PolicyName=policy)['PolicyDocument'])
                           for policy in iam.list_role_policies(RoleName=name)['PolicyNames']),
        }
    policies = {}
    for policy in iam.list_policies(Scope='Local')['Policies']:
        arn = policy['Arn']
        versions = iam.list_policy_versions(PolicyArn=arn)['Versions']
        default = [version['VersionId'] for version in versions if version['IsDefaultVersion']][0]
        policies[arn] = {
            'tags': sorted((tag['Key'], tag['Value']) for tag in iam.list_policy_tags(PolicyArn=arn)['Tags']),
            'attachments': policy['AttachmentCount'],
            'document': iam.get_policy_version(PolicyArn=arn, VersionId=default)['PolicyVersion']['Document'],
        }
    profiles = dict((profile['InstanceProfileName'], sorted(role['RoleName'] for role in profile['Roles']))
                    for profile in iam.list_instance_profiles()['InstanceProfiles'])
    return {'roles': roles, 'policies': policies, 'instance_profiles': profiles}


def foreign_only(view, *names):
    """The part of a snapshot about the named roles and every policy whose ARN holds none of ours."""
    return {'roles': dict((name, view['roles'].get(name)) for name in names),
            'policies': dict((arn, policy) for arn, policy in view['policies'].items()
                             if dict(policy['tags']).get(_iam.MARK_KEY) != _iam.MARK_VALUE),
            'instance_profiles': view['instance_profiles']}


def our_policy_arns(name=ROLE + 'Policy', count=3, path='/'):
    return ['arn:aws:iam::%s:policy%s%s-%d' % (ACCOUNT, path, name, number) for number in range(1, count + 1)]


def make_role(iam, name, trust=None, description=None, tags=None, path='/'):
    kwargs = dict(RoleName=name, Path=path, AssumeRolePolicyDocument=json.dumps(trust or EC2_TRUST))
    if description:
        kwargs['Description'] = description
    if tags:
        kwargs['Tags'] = [{'Key': key, 'Value': value} for key, value in tags.items()]
    return iam.create_role(**kwargs)['Role']


def make_policy(iam, name, path='/', description=None, document=None, attach_to=()):
    kwargs = dict(PolicyName=name, Path=path, PolicyDocument=json.dumps(document or SOME_DOCUMENT))
    if description:
        kwargs['Description'] = description
    arn = iam.create_policy(**kwargs)['Policy']['Arn']
    for role in attach_to:
        iam.attach_role_policy(RoleName=role, PolicyArn=arn)
    return arn


# --- creating and rerunning -----------------------------------------------------------------------------------

def test_a_role_is_created_marked_with_its_policies_marked_for_it_and_no_instance_profile(iam):
    side = present(iam)
    view = snapshot(iam)
    role = view['roles'][ROLE]
    assert side.arn == 'arn:aws:iam::%s:role/%s' % (ACCOUNT, ROLE)
    assert dict(role['tags'])[_iam.MARK_KEY] == 'ddog.aws' and dict(role['tags'])[_iam.SITE_KEY] == SITE
    assert role['trust'] == spec().trust_policy
    assert role['attached'] == sorted(our_policy_arns())
    for arn in our_policy_arns():
        policy = view['policies'][arn]
        assert dict(policy['tags']) == {_iam.MARK_KEY: 'ddog.aws', _iam.ROLE_KEY: ROLE, _iam.SITE_KEY: SITE}
        assert policy['attachments'] == 1
    granted = sorted(action for policy in view['policies'].values() for action in
                     policy['document']['Statement'][0]['Action'])
    assert granted == sorted(ACTIONS)
    assert view['instance_profiles'] == {}


def test_a_rerun_reads_once_per_policy_and_writes_nothing(iam):
    present(iam)
    iam.recorder.clear()
    side = present(iam)
    assert side.actions == [] and iam.recorder.writes() == []
    assert iam.recorder.operations == ['GetRole', 'ListAttachedRolePolicies'] + ['GetPolicyVersion'] * 3


def test_check_mode_writes_nothing_and_says_what_a_run_would_do(iam):
    before = snapshot(iam)
    side = present(iam, check_mode=True)
    assert iam.recorder.writes() == [] and snapshot(iam) == before
    assert side.actions[0] == 'create the role %s' % ROLE and len(side.actions) == 1 + 2 * 3 + 1
    assert side.after_view(side.state)['managed_policies'] == sorted(our_policy_arns())
    real = present(iam)
    assert real.actions == side.actions


def test_a_policy_changed_by_hand_gets_datadogs_permissions_back_as_a_new_version(iam):
    present(iam)
    arn = our_policy_arns()[0]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(SOME_DOCUMENT), SetAsDefault=True)
    side = present(iam)
    assert side.actions == ['delete the old version v1 of %sPolicy-1' % ROLE,
                            'write Datadog\'s current permissions into %sPolicy-1' % ROLE,
                            'tag the role %s (ddog.aws:policy-versions)' % ROLE]
    assert snapshot(iam)['policies'][arn]['document'] == DOCUMENTS[0]
    iam.recorder.clear()
    assert present(iam).actions == [] and iam.recorder.operations.count('GetPolicyVersion') == 3


def test_a_stale_version_hint_costs_reads_never_a_write(iam):
    present(iam)
    iam.tag_role(RoleName=ROLE, Tags=[{'Key': _iam.VERSIONS_KEY, 'Value': 'v7 v7 v7'}])
    iam.recorder.clear()
    assert present(iam).actions == []
    assert iam.recorder.writes() == [] and iam.recorder.operations.count('GetPolicy') == 3


def test_fewer_permissions_remove_the_policies_no_longer_needed(iam):
    present(iam)
    side = present(iam, documents=DOCUMENTS[:1])
    assert 'delete the policy %sPolicy-3' % ROLE in side.actions
    assert sorted(snapshot(iam)['policies']) == our_policy_arns(count=1)


# --- a role the collection did not make ------------------------------------------------------------------------

@pytest.fixture
def foreign_role(iam):
    """A role with the same name that something else made: EC2 trust, a managed and an inline policy."""
    make_role(iam, ROLE, description='the web tier')
    managed = make_policy(iam, 'WebTier', attach_to=[ROLE])
    iam.put_role_policy(RoleName=ROLE, PolicyName='S3Access', PolicyDocument=json.dumps(SOME_DOCUMENT))
    iam.recorder.clear()
    return managed


@pytest.mark.parametrize('state', ['present', 'absent'])
def test_a_foreign_role_with_the_same_name_is_refused_before_any_write(iam, foreign_role, state):
    before = snapshot(iam)
    with pytest.raises(_iam.AWSError, match='was not created by ddog.aws') as error:
        (present if state == 'present' else absent)(iam)
    assert 'Nothing was changed' in error.value.message
    assert iam.recorder.writes() == [] and snapshot(iam) == before


def test_adopting_marks_the_role_replaces_its_trust_and_reports_what_else_it_holds(iam, foreign_role):
    side = present(iam, adopt=True)
    role = snapshot(iam)['roles'][ROLE]
    assert side.adopted and dict(role['tags'])[_iam.MARK_KEY] == 'ddog.aws'
    assert role['trust'] == spec().trust_policy
    assert foreign_role in role['attached'] and set(our_policy_arns()) <= set(role['attached'])
    assert role['inline'] == {'S3Access': SOME_DOCUMENT}, 'inline policies are reported, not removed'
    assert side.inline_policies == ['S3Access']
    assert any('S3Access' in warning for warning in side.warnings)
    assert any(foreign_role in warning for warning in side.warnings)
    # Once adopted it is the collection's: a rerun is quiet, a teardown refuses to delete the inline policy.
    assert present(iam).actions == []
    with pytest.raises(_iam.AWSError, match='inline policies ddog.aws did not write: S3Access'):
        absent(iam)


def test_a_role_marked_for_another_datadog_site_is_refused(iam):
    present(iam)
    before = snapshot(iam)
    for run in (present, absent):
        with pytest.raises(_iam.AWSError, match='for Datadog site datadoghq.eu, not ap1.datadoghq.com'):
            run(iam, site='ap1.datadoghq.com')
    assert snapshot(iam) == before


def test_a_role_in_another_path_is_refused(iam):
    make_role(iam, ROLE, tags={_iam.MARK_KEY: _iam.MARK_VALUE, _iam.SITE_KEY: SITE}, path='/other/')
    with pytest.raises(_iam.AWSError, match='is in path /other/, not /'):
        present(iam)


# --- policies: through the role's attachments only --------------------------------------------------------------

def test_look_alike_policies_in_another_path_attached_to_another_role_are_untouched(iam):
    make_role(iam, 'TeamX')
    look_alikes = [make_policy(iam, name, path='/team-x/', attach_to=['TeamX'])
                   for name in ('%sPolicy-1' % ROLE, 'DatadogIntegrationPolicy-1')]
    before = foreign_only(snapshot(iam), 'TeamX')
    present(iam)
    absent(iam)
    absent(iam)
    after = snapshot(iam)
    assert foreign_only(after, 'TeamX') == before
    assert set(look_alikes) == set(after['policies']) and ROLE not in after['roles']


def test_two_roles_in_one_account_never_share_a_policy_and_tear_down_apart(iam):
    present(iam, role_name='DatadogProd')
    present(iam, role_name='DatadogStaging')
    staging = snapshot(iam)['roles']['DatadogStaging']
    assert not set(staging['attached']) & set(snapshot(iam)['roles']['DatadogProd']['attached'])
    before = foreign_only(snapshot(iam), 'DatadogStaging')
    absent(iam, role_name='DatadogProd')
    after = snapshot(iam)
    assert 'DatadogProd' not in after['roles'] and after['roles']['DatadogStaging'] == staging
    assert sorted(after['policies']) == sorted(staging['attached'])
    assert foreign_only(after, 'DatadogStaging') == before


def test_hostile_attached_policy_names_cost_no_loop_and_are_never_deleted(iam):
    present(iam)
    hostile = [make_policy(iam, name, attach_to=[ROLE]) for name in
               ('DatadogIntegrationPolicy-99999999999', '%sPolicy-150' % ROLE, 'DatadogIntegrationPolicy-7')]
    iam.recorder.clear()
    assert present(iam).actions == []
    assert len(iam.recorder.operations) <= 2 + 3 + 2, 'at most one read for each numbered look-alike'
    iam.recorder.clear()
    side = absent(iam)
    assert len(iam.recorder.operations) < 40
    assert sorted(snapshot(iam)['policies']) == sorted(hostile), 'detached from the role, never deleted'
    assert all('(the policy stays)' in action for action in side.actions if any(arn in action for arn in hostile))


def test_a_policy_of_ours_that_something_else_uses_too_is_detached_not_deleted(iam):
    present(iam)
    make_role(iam, 'Other')
    shared = our_policy_arns()[0]
    iam.attach_role_policy(RoleName='Other', PolicyArn=shared)
    side = absent(iam)
    view = snapshot(iam)
    assert sorted(view['policies']) == [shared] and view['roles']['Other']['attached'] == [shared]
    assert any('attached to other IAM entities too' in warning for warning in side.warnings)


def test_a_policy_at_our_arn_written_for_this_role_by_an_interrupted_run_is_taken_back(iam):
    iam.create_policy(PolicyName='%sPolicy-1' % ROLE, PolicyDocument=json.dumps(DOCUMENTS[0]),
                      Tags=[{'Key': key, 'Value': value} for key, value in spec().policy_tags().items()])
    present(iam)
    assert snapshot(iam)['roles'][ROLE]['attached'] == sorted(our_policy_arns())


def test_a_policy_at_our_arn_that_is_not_ours_is_refused(iam):
    make_policy(iam, '%sPolicy-2' % ROLE)
    before = snapshot(iam)['policies']
    with pytest.raises(_iam.AWSError, match='already exists in account %s and was not written by ddog.aws' % ACCOUNT):
        present(iam)
    assert snapshot(iam)['policies'][our_policy_arns()[1]] == before[our_policy_arns()[1]]


def test_a_foreign_policy_attached_at_our_arn_with_other_permissions_is_refused(iam):
    present(iam)
    arn = our_policy_arns()[1]
    iam.detach_role_policy(RoleName=ROLE, PolicyArn=arn)
    for version in iam.list_policy_versions(PolicyArn=arn)['Versions']:
        if not version['IsDefaultVersion']:
            iam.delete_policy_version(PolicyArn=arn, VersionId=version['VersionId'])
    iam.delete_policy(PolicyArn=arn)
    make_policy(iam, '%sPolicy-2' % ROLE, attach_to=[ROLE])
    with pytest.raises(_iam.AWSError, match='was not written by ddog.aws for this role'):
        present(iam)
    assert snapshot(iam)['policies'][arn]['document'] == SOME_DOCUMENT


# --- SecurityAudit -------------------------------------------------------------------------------------------------

def test_security_audit_a_user_attached_stays_attached_on_every_present(iam):
    present(iam)
    iam.attach_role_policy(RoleName=ROLE, PolicyArn=SECURITY_AUDIT)
    for security_audit in (True, False):
        present(iam, security_audit=security_audit)
        assert SECURITY_AUDIT in snapshot(iam)['roles'][ROLE]['attached']


def test_security_audit_is_attached_for_cloud_security_and_detached_only_when_ours(iam):
    side = present(iam, security_audit=True)
    role = snapshot(iam)['roles'][ROLE]
    assert SECURITY_AUDIT in role['attached'] and dict(role['tags'])[_iam.ATTACHED_KEY] == 'SecurityAudit'
    assert present(iam, security_audit=True).actions == []
    side = present(iam, security_audit=False)
    role = snapshot(iam)['roles'][ROLE]
    assert SECURITY_AUDIT not in role['attached'] and _iam.ATTACHED_KEY not in dict(role['tags'])
    assert side.actions == ['detach AWS\'s SecurityAudit from %s' % ROLE, 'untag the role %s (%s)'
                            % (ROLE, _iam.ATTACHED_KEY)]


# --- what 0.2.0 wrote ----------------------------------------------------------------------------------------------

@pytest.fixture
def legacy(iam):
    """A role as ddog.aws 0.2.0 left it (amazon.aws modules): its descriptions, no tags, an instance profile."""
    make_role(iam, ROLE, trust=spec().trust_policy, description=_iam.LEGACY_ROLE_DESCRIPTION)
    arns = [make_policy(iam, 'DatadogIntegrationPolicy-%d' % number, document=document, attach_to=[ROLE],
                        description='Permissions Datadog\'s AWS integration needs, part %d of 3, written by '
                                    'ddog.aws.integration_role' % number)
            for number, document in enumerate(DOCUMENTS, 1)]
    iam.create_instance_profile(InstanceProfileName=ROLE)
    iam.add_role_to_instance_profile(InstanceProfileName=ROLE, RoleName=ROLE)
    iam.recorder.clear()
    return arns


def test_a_0_2_0_role_is_recognized_marked_and_its_instance_profile_removed(iam, legacy):
    present(iam)
    view = snapshot(iam)
    assert dict(view['roles'][ROLE]['tags'])[_iam.MARK_KEY] == 'ddog.aws'
    assert view['roles'][ROLE]['attached'] == sorted(our_policy_arns())
    assert sorted(view['policies']) == sorted(our_policy_arns()), 'the 0.2.0 policies were replaced'
    assert view['instance_profiles'] == {}
    assert present(iam).actions == []


def test_a_0_2_0_role_keeping_its_policy_name_gets_its_policies_marked(iam, legacy):
    present(iam, policy_name='DatadogIntegrationPolicy')
    view = snapshot(iam)
    assert sorted(view['policies']) == sorted(legacy)
    assert all(dict(view['policies'][arn]['tags']).get(_iam.ROLE_KEY) == ROLE for arn in legacy)


def test_a_0_2_0_role_is_torn_down_whole(iam, legacy):
    make_role(iam, 'Bystander')
    bystander = make_policy(iam, 'DatadogIntegrationPolicy-9', path='/x/', attach_to=['Bystander'])
    absent(iam)
    view = snapshot(iam)
    assert sorted(view['roles']) == ['Bystander'] and sorted(view['policies']) == [bystander]
    assert view['instance_profiles'] == {}


def test_another_instance_profile_holding_the_role_stays(iam):
    present(iam)
    iam.create_instance_profile(InstanceProfileName='SomeoneElses')
    iam.add_role_to_instance_profile(InstanceProfileName='SomeoneElses', RoleName=ROLE)
    absent(iam)
    assert snapshot(iam)['instance_profiles'] == {'SomeoneElses': []}


# --- teardown ------------------------------------------------------------------------------------------------------

def test_teardown_then_again(iam):
    present(iam, security_audit=True)
    first = absent(iam)
    assert first.actions[-1] == 'delete the role %s' % ROLE
    assert snapshot(iam) == {'roles': {}, 'policies': {}, 'instance_profiles': {}}
    iam.recorder.clear()
    assert absent(iam).actions == [] and iam.recorder.operations == ['GetRole']


def test_teardown_of_nothing_deletes_look_alikes_nowhere(iam):
    make_role(iam, 'TeamX')
    make_policy(iam, '%sPolicy-1' % ROLE, attach_to=['TeamX'])
    make_policy(iam, '%sPolicy-2' % ROLE)
    before = snapshot(iam)
    assert absent(iam).actions == []
    assert snapshot(iam) == before


def test_teardown_in_check_mode_writes_nothing(iam):
    present(iam)
    before = snapshot(iam)
    side = absent(iam, check_mode=True)
    assert side.actions[-1] == 'delete the role %s' % ROLE and snapshot(iam) == before


# --- connecting ------------------------------------------------------------------------------------------------------

def test_credentials_for_another_account_are_refused_before_anything(moto):
    with pytest.raises(_iam.AWSError, match='reach account 123456789012 in the aws partition, not account 210987654321'):
        _iam.connect('210987654321', 'aws', access_key='testing', secret_key='testing', endpoint_url=moto)


def test_an_assumed_role_in_the_account_is_checked_from_assume_roles_answer(moto):
    client = _iam.connect(ACCOUNT, 'aws', access_key='testing', secret_key='testing', endpoint_url=moto,
                          assume_role_arn='arn:aws:iam::%s:role/OrganizationAccountAccessRole' % ACCOUNT)
    assert client.get_account_summary()['SummaryMap'] is not None
    with pytest.raises(_iam.AWSError, match='not account 210987654321'):
        _iam.connect('210987654321', 'aws', access_key='testing', secret_key='testing', endpoint_url=moto,
                     assume_role_arn='arn:aws:iam::%s:role/OrganizationAccountAccessRole' % ACCOUNT)


def test_a_configured_region_of_another_partition_gives_way_to_the_partitions_own(moto, tmp_path, monkeypatch):
    # A profile whose default region is us-east-1 (commercial), for a GovCloud account: moto answers in the partition
    # of the region the request is signed for, so only a GovCloud region reaches the account.
    config = tmp_path / 'config'
    config.write_text(u'[default]\nregion = us-east-1\n')
    monkeypatch.setenv('AWS_CONFIG_FILE', str(config))
    for name in ('AWS_REGION', 'AWS_DEFAULT_REGION'):
        monkeypatch.delenv(name, raising=False)
    client = _iam.connect(ACCOUNT, 'aws-us-gov', access_key='testing', secret_key='testing', endpoint_url=moto)
    assert client.meta.region_name == 'us-gov-west-1'
    assert _iam.connect(ACCOUNT, 'aws', access_key='testing', secret_key='testing',
                        endpoint_url=moto).meta.region_name == 'us-east-1'
    # A region asked for is kept, even in another partition: then the account check says why it cannot be reached.
    with pytest.raises(_iam.AWSError, match='in the aws partition, not account 123456789012 in aws-us-gov'):
        _iam.connect(ACCOUNT, 'aws-us-gov', access_key='testing', secret_key='testing', endpoint_url=moto,
                     region='eu-west-1')


def test_an_aws_error_names_the_operation_and_the_account_in_awss_words(iam):
    with pytest.raises(_iam.AWSError, match=r'AWS GetPolicy in account 123456789012 failed: NoSuchEntity: '):
        _iam.aws_call(ACCOUNT, 'GetPolicy', iam.get_policy, PolicyArn='arn:aws:iam::123456789012:policy/nothing')


@pytest.mark.parametrize('name', ['has space', 'x' * 126, ''])
def test_a_policy_name_iam_would_refuse_is_refused(name):
    with pytest.raises(Exception, match='policy_name'):
        _iam.check_policy_name(name, 12)


# --- guardrails ------------------------------------------------------------------------------------------------------

BOUNDARY = 'arn:aws:iam::123456789012:policy/platform/Boundary'


@pytest.fixture
def boundary(iam):
    iam.create_policy(PolicyName='Boundary', Path='/platform/', PolicyDocument=json.dumps(SOME_DOCUMENT))
    iam.recorder.clear()
    return BOUNDARY


def test_guardrails_an_organization_requires_are_set_as_the_role_is_created(iam, boundary):
    guardrails = dict(path='/datadog/', boundary=boundary, max_session_duration=7200,
                      tags={'CostCenter': 'platform', 'Owner': 'sre'})
    side = present(iam, **guardrails)
    view = snapshot(iam)
    role = view['roles'][ROLE]
    assert iam.recorder.operations.count('CreateRole') == 1 and 'PutRolePermissionsBoundary' not in iam.recorder.operations
    assert (role['path'], role['boundary'], role['max_session_duration']) == ('/datadog/', boundary, 7200)
    assert {('CostCenter', 'platform'), ('Owner', 'sre')} <= set(role['tags'])
    assert side.arn == 'arn:aws:iam::%s:role/datadog/%s' % (ACCOUNT, ROLE)
    for arn in our_policy_arns(path='/datadog/'):
        assert {('CostCenter', 'platform'), ('Owner', 'sre')} <= set(view['policies'][arn]['tags'])
    iam.recorder.clear()
    assert present(iam, **guardrails).actions == [] and iam.recorder.writes() == []


def test_a_changed_guardrail_is_written_and_one_left_out_is_left_alone(iam, boundary):
    present(iam, boundary=boundary, tags={'CostCenter': 'platform'})
    side = present(iam, boundary='', max_session_duration=10800, tags={'CostCenter': 'data'})
    assert 'remove the permissions boundary of %s' % ROLE in side.actions
    assert 'set the maximum session duration of %s' % ROLE in side.actions
    view = snapshot(iam)
    assert view['roles'][ROLE]['boundary'] is None and view['roles'][ROLE]['max_session_duration'] == 10800
    assert all(('CostCenter', 'data') in view['policies'][arn]['tags'] for arn in our_policy_arns())
    iam.tag_role(RoleName=ROLE, Tags=[{'Key': 'AddedBySomeoneElse', 'Value': 'x'}])
    assert present(iam, tags={'CostCenter': 'data'}).actions == [], 'left out: left as it is'
    assert ('AddedBySomeoneElse', 'x') in snapshot(iam)['roles'][ROLE]['tags']


@pytest.mark.parametrize('guardrails, words', [
    (dict(path='datadog'), 'role_path must start and end with /'),
    (dict(boundary='Boundary'), 'permissions_boundary must be the ARN of a managed policy in the aws partition'),
    (dict(boundary='arn:aws-us-gov:iam::aws:policy/X'), 'in the aws partition'),
    (dict(max_session_duration=60), 'max_session_duration must be 3600 to 43200 seconds'),
    (dict(tags={'ddog.aws:managed-by': 'me'}), 'not begin with aws: or ddog.aws:'),
    (dict(tags={'aws:x': 'y'}), 'not begin with aws: or ddog.aws:'),
    (dict(tags={'Team': 7}), 'iam_tags values must be strings'),
])
def test_guardrails_iam_would_refuse_are_refused_naming_the_option(guardrails, words):
    with pytest.raises(Exception, match=re.escape(words)):
        _iam.check_guardrails(**guardrails)
