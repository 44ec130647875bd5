# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The aws_organization inventory plugin against moto in server mode, on loopback, in a thread of the test process.

What these tests rely on in moto (5.x): create_organization makes the caller's account (123456789012 for any
credentials moto does not know) the management account, named "master"; create_account gives each new account a
random 12-digit ID (a leading zero included); close_account makes an account SUSPENDED; list_accounts_for_parent
returns State (and the older Status); the Organizations backend is per partition, so an organization created through
us-gov-west-1 is invisible from us-east-1; ListTagsForResource answers in one page and allows more than AWS's 50 tags
on an account; with reset-auth, IAM policies are checked, and sts:AssumeRole checks the role's trust policy too.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
from collections import Counter

import boto3
import botocore.endpoint
import botocore.exceptions
import pytest
import requests

from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader
from ansible.template import Templar

from ansible_collections.ddog.aws.plugins.inventory import aws_organization

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core 2.18: every template is trusted
    def trust_as_template(value):
        return value

MANAGEMENT = '123456789012'
ROLE = 'OrganizationAccountAccessRole'
LIST_OPERATIONS = ('DescribeOrganization', 'ListRoots', 'ListOrganizationalUnitsForParent', 'ListAccountsForParent')


@pytest.fixture
def aws(moto):
    """An empty moto, and an environment where AWS settings come only from what a test sets."""
    return Organization(moto)


class Organization:
    """Builds an organization in moto with the management account's (fake) credentials."""

    def __init__(self, url, region='us-east-1'):
        self.url = url
        self.client = boto3.client('organizations', endpoint_url=url, region_name=region,
                                   aws_access_key_id='testing', aws_secret_access_key='testing')
        self.iam = boto3.client('iam', endpoint_url=url, region_name=region, aws_access_key_id='testing',
                                aws_secret_access_key='testing')

    def create(self):
        self.client.create_organization(FeatureSet='ALL')
        self.root = self.client.list_roots()['Roots'][0]['Id']
        return self

    def unit(self, name, parent=None):
        return self.client.create_organizational_unit(ParentId=parent or self.root, Name=name)['OrganizationalUnit']['Id']

    def account(self, name, parent=None, tags=None):
        account_id = self.client.create_account(
            AccountName=name, Email='%s@example.com' % name.replace(' ', '.'),
            Tags=[{'Key': key, 'Value': value} for key, value in (tags or {}).items()],
        )['CreateAccountStatus']['AccountId']
        if parent:
            self.client.move_account(AccountId=account_id, SourceParentId=self.root, DestinationParentId=parent)
        return account_id


def source(aws, tmp_path, file_name='test.aws_organization.yml', **options):
    """An inventory file holding these options (and moto's endpoint and fake keys); its path."""
    config = dict(plugin='ddog.aws.aws_organization', endpoint_url=aws.url, access_key='testing',
                  secret_key='testing')
    config.update(options)
    path = tmp_path / file_name
    path.write_text(json.dumps(config))  # JSON is YAML
    return str(path)


def parse(path, cache=False):
    """The inventory the plugin makes of the file, as ansible-inventory has it parsed: cache=False is --flush-cache."""
    plugin = inventory_loader.get('ddog.aws.aws_organization')
    assert plugin.verify_file(path)
    data = InventoryData()
    plugin.parse(data, DataLoader(), path, cache=cache)
    if plugin.get_option('cache'):
        plugin.update_cache_if_changed()  # the cache plugin writes what the parse left in it
    return data


def inventory(aws, tmp_path, file_name='test.aws_organization.yml', **options):
    """The inventory the plugin makes of a file holding these options (and moto's endpoint and fake keys)."""
    return parse(source(aws, tmp_path, file_name, **options))


def hosts_of(data, group):
    return sorted(host.name for host in data.groups[group].get_hosts())


def host_vars(data, host):
    """What the plugin set, without the inventory_file and inventory_dir that InventoryData adds."""
    return dict((name, value) for name, value in data.get_host(host).vars.items() if not name.startswith('inventory_'))


def failure(aws, tmp_path, **options):
    """The message the plugin fails with; it never holds a credential that the options gave it."""
    with pytest.raises(AnsibleError) as error:
        inventory(aws, tmp_path, **options)
    message = str(error.value)
    for name in ('access_key', 'secret_key', 'session_token'):
        assert not options.get(name) or options[name] not in message, name
    return message


@pytest.fixture
def sent(monkeypatch):
    """The AWS requests made from now on, as (service, operation, region), in order (retries not counted)."""
    requests_made = []
    make_request = botocore.endpoint.Endpoint.make_request

    def recorded(endpoint, operation_model, request_dict):
        requests_made.append((operation_model.service_model.service_name, operation_model.name,
                              request_dict['context'].get('client_region')))
        return make_request(endpoint, operation_model, request_dict)

    monkeypatch.setattr(botocore.endpoint.Endpoint, 'make_request', recorded)
    return requests_made


def operations(requests_made):
    return Counter(operation for _service, operation, _region in requests_made)


@contextlib.contextmanager
def iam_checked(url):
    """moto checks IAM policies within, from the next request on (reset-auth takes the requests to let through)."""
    def reset_auth(allowed):
        requests.post(url + '/moto-api/reset-auth', data=allowed, headers={'Content-Type': 'text/plain'},
                      timeout=10).raise_for_status()

    reset_auth(b'0')
    try:
        yield
    finally:
        reset_auth(b'inf')


def iam_user(aws, name, actions):
    """A user of the management account allowed only these actions; its access key and secret key."""
    aws.iam.create_user(UserName=name)
    aws.iam.put_user_policy(UserName=name, PolicyName='allowed', PolicyDocument=json.dumps({
        'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': actions, 'Resource': '*'}]}))
    key = aws.iam.create_access_key(UserName=name)['AccessKey']
    return key['AccessKeyId'], key['SecretAccessKey']


def rendered(variables, text):
    """text templated with these variables, as a play would; unsafe values come out as they went in."""
    return Templar(loader=DataLoader(), variables=variables).template(trust_as_template(text))


# --- hosts and their variables -----------------------------------------------------------------------------

def test_each_active_member_is_a_host_with_its_account_and_the_role_to_assume(aws, tmp_path):
    aws.create()
    team_a, team_b = aws.account('Team A'), aws.account('Team B')

    data = inventory(aws, tmp_path)

    assert hosts_of(data, 'aws_organization_members') == sorted([team_a, team_b])
    assert hosts_of(data, 'aws_organization') == sorted([team_a, team_b])
    organization_id = aws.client.describe_organization()['Organization']['Id']
    assert host_vars(data, team_a) == {
        'aws_account_id': team_a,
        'aws_account_name': 'Team A',
        'aws_account_email': 'Team.A@example.com',
        'aws_organization_role_arn': 'arn:aws:iam::%s:role/%s' % (team_a, ROLE),
        'aws_organization_id': organization_id,
        'aws_partition': 'aws',
        'aws_organization_parent_id': aws.root,
        'aws_organizational_unit_path': '',
        'aws_organizational_units': [],
    }


def test_tasks_run_on_the_controller_by_group_defaults_that_group_vars_can_override(aws, tmp_path):
    aws.create()
    aws.account('Team A')

    group_vars = inventory(aws, tmp_path).groups['aws_organization'].get_vars()

    assert group_vars['ansible_connection'] == 'local'
    assert group_vars['ansible_host'] == 'localhost'
    assert group_vars['ansible_python_interpreter'] == aws_organization.sys.executable


def test_listed_accounts_can_be_left_out(aws, tmp_path):
    aws.create()
    kept, left_out = aws.account('Kept'), aws.account('Left out')

    data = inventory(aws, tmp_path, exclude_accounts=[left_out])

    assert hosts_of(data, 'aws_organization') == [kept]


def test_the_management_account_is_left_out_by_default(aws, tmp_path):
    aws.create()
    member = aws.account('Member')

    assert MANAGEMENT not in inventory(aws, tmp_path).hosts
    data = inventory(aws, tmp_path, include_management_account=True)
    assert hosts_of(data, 'aws_organization_management') == [MANAGEMENT]
    assert hosts_of(data, 'aws_organization_members') == [member]
    assert host_vars(data, MANAGEMENT)['aws_organization_role_arn'] == 'arn:aws:iam::%s:role/%s' % (MANAGEMENT, ROLE)


def test_suspended_and_removed_accounts_are_skipped(aws, tmp_path):
    aws.create()
    active, closed, removed = aws.account('Active'), aws.account('Closed'), aws.account('Removed')
    aws.client.close_account(AccountId=closed)
    aws.client.remove_account_from_organization(AccountId=removed)

    assert hosts_of(inventory(aws, tmp_path), 'aws_organization') == [active]


def test_an_account_without_state_is_read_by_its_status():
    """AWS Organizations answers with State and Status until it retires Status; either one decides."""
    pages = {'list_roots': [{'Roots': [{'Id': 'r-ab12'}]}],
             'list_organizational_units_for_parent': [{'OrganizationalUnits': []}],
             'list_accounts_for_parent': [{'Accounts': [
                 {'Id': '111111111111', 'Name': 'old', 'Email': 'o@example.com', 'Status': 'SUSPENDED'},
                 {'Id': '222222222222', 'Name': 'new', 'Email': 'n@example.com', 'State': 'PENDING_CLOSURE',
                  'Status': 'ACTIVE'}]}]}

    class Client:
        def describe_organization(self):
            return {'Organization': {'Id': 'o-abcdef1234', 'MasterAccountId': MANAGEMENT,
                                     'Arn': 'arn:aws:organizations::%s:organization/o-abcdef1234' % MANAGEMENT}}

        def get_paginator(self, operation):
            return type('Paginator', (), {'paginate': lambda self, **parameters: pages[operation]})()

    accounts = aws_organization._read_organization(Client(), [])['accounts']
    assert [(account['id'], account['state']) for account in accounts] == [
        ('111111111111', 'SUSPENDED'), ('222222222222', 'PENDING_CLOSURE')]


# --- partitions and roles ----------------------------------------------------------------------------------

def test_role_arns_are_in_the_partition_of_the_organization(aws, tmp_path):
    govcloud = Organization(aws.url, region='us-gov-west-1').create()
    member = govcloud.account('GovCloud member')

    data = inventory(aws, tmp_path, region='us-gov-west-1')

    assert host_vars(data, member)['aws_partition'] == 'aws-us-gov'
    assert host_vars(data, member)['aws_organization_role_arn'] == 'arn:aws-us-gov:iam::%s:role/%s' % (member, ROLE)


def test_without_a_region_the_partition_decides_the_endpoint_region(aws, tmp_path):
    govcloud = Organization(aws.url, region='us-gov-west-1').create()
    member = govcloud.account('GovCloud member')

    assert 'is in no AWS Organization' in failure(aws, tmp_path)  # us-east-1: the commercial partition's
    assert list(inventory(aws, tmp_path, aws_partition='aws-us-gov').hosts) == [member]


def test_partition_and_role_name_can_be_set(aws, tmp_path):
    aws.create()
    member = aws.account('Member')

    data = inventory(aws, tmp_path, region='us-east-1', aws_partition='aws-cn', assume_role_name='Rollout+Ansible')

    assert host_vars(data, member)['aws_organization_role_arn'] == 'arn:aws-cn:iam::%s:role/Rollout+Ansible' % member


# --- organizational units ----------------------------------------------------------------------------------

def test_each_organizational_unit_is_a_group_nested_as_the_units_are(aws, tmp_path):
    aws.create()
    workloads = aws.unit('Workloads')
    prod = aws.unit('Prod & Live', parent=workloads)
    aws.unit('Empty')
    at_root, in_workloads, in_prod = aws.account('Root'), aws.account('W', workloads), aws.account('P', prod)

    data = inventory(aws, tmp_path)

    assert sorted(name for name in data.groups if name.startswith('aws_ou_')) == [
        'aws_ou_workloads', 'aws_ou_workloads_prod_live']
    assert hosts_of(data, 'aws_ou_workloads_prod_live') == [in_prod]
    assert hosts_of(data, 'aws_ou_workloads') == sorted([in_workloads, in_prod])
    assert host_vars(data, in_prod)['aws_organizational_unit_path'] == 'Workloads/Prod & Live'
    assert host_vars(data, in_prod)['aws_organization_parent_id'] == prod
    assert host_vars(data, at_root)['aws_organizational_unit_path'] == ''


def test_parent_ids_keep_the_accounts_under_those_units_at_any_depth(aws, tmp_path):
    aws.create()
    workloads, sandbox = aws.unit('Workloads'), aws.unit('Sandbox')
    prod = aws.unit('Prod', parent=workloads)
    in_workloads, in_prod = aws.account('W', workloads), aws.account('P', prod)
    aws.account('S', sandbox)
    aws.account('Root')

    data = inventory(aws, tmp_path, parent_ids=[workloads])

    assert hosts_of(data, 'aws_organization') == sorted([in_workloads, in_prod])
    assert 'aws_ou_sandbox' not in data.groups
    assert sorted(inventory(aws, tmp_path, parent_ids=[aws.root]).hosts) == sorted(inventory(aws, tmp_path).hosts)


def test_an_unknown_parent_id_is_an_error_naming_it(aws, tmp_path):
    aws.create()

    assert 'parent_ids: ou-zzzz-00000000 is no root or organizational unit of the organization o-' in failure(
        aws, tmp_path, parent_ids=['ou-zzzz-00000000'])


def group_of(unit_id):
    return 'aws_ou_' + unit_id.replace('-', '_')


def test_units_whose_group_names_would_clash_are_named_after_their_ids(aws, tmp_path):
    aws.create()
    live, dashed = aws.unit('Prod Live'), aws.unit('prod-live')
    first, second = aws.account('A', live), aws.account('B', dashed)

    data = inventory(aws, tmp_path)

    assert hosts_of(data, group_of(live)) == [first] and hosts_of(data, group_of(dashed)) == [second]
    assert 'aws_ou_prod_live' not in data.groups


def test_units_whose_names_keep_no_ascii_letter_get_a_group_each(aws, tmp_path):
    aws.create()
    prod, dev = aws.unit(u'本番'), aws.unit(u'開発')
    in_prod, in_dev = aws.account('P', prod), aws.account('D', dev)

    data = inventory(aws, tmp_path)

    assert hosts_of(data, group_of(prod)) == [in_prod] and hosts_of(data, group_of(dev)) == [in_dev]
    assert 'aws_ou_' not in data.groups
    assert host_vars(data, in_prod)['aws_organizational_units'] == [u'本番']


def test_a_slash_in_a_unit_name_does_not_make_a_path_read_two_ways(aws, tmp_path):
    aws.create()
    slashed, parent = aws.unit('a/b'), aws.unit('a')
    nested = aws.unit('b', parent)
    in_slashed, in_nested = aws.account('S', slashed), aws.account('N', nested)

    data = inventory(aws, tmp_path)

    assert host_vars(data, in_slashed)['aws_organizational_unit_path'] == 'a%2Fb'
    assert host_vars(data, in_nested)['aws_organizational_unit_path'] == 'a/b'
    assert host_vars(data, in_slashed)['aws_organizational_units'] == ['a/b']
    assert host_vars(data, in_nested)['aws_organizational_units'] == ['a', 'b']
    assert hosts_of(data, group_of(slashed)) == [in_slashed] and hosts_of(data, group_of(nested)) == [in_nested]
    assert [child.name for child in data.groups['aws_ou_a'].child_groups] == [group_of(nested)]


def test_every_value_from_aws_is_unsafe_and_never_evaluated(aws, tmp_path):
    from ansible.template import Templar

    try:
        from ansible.template import trust_as_template
    except ImportError:  # ansible-core 2.18: every template is trusted
        def trust_as_template(value):
            return value

    aws.create()
    template = "{{ lookup('ansible.builtin.pipe', 'touch %s') }}" % (tmp_path / 'pwned')
    hostile = aws.account(template, aws.unit(template))

    data = inventory(aws, tmp_path, compose={'shown': 'aws_account_name ~ " in " ~ aws_organizational_unit_path'},
                     keyed_groups=[{'key': 'aws_account_name', 'prefix': 'name'}])

    variables = host_vars(data, hostile)
    assert variables['aws_account_name'] == template
    assert variables['shown'] == '%s in %s' % (template, aws_organization.unit_path([template]))
    templar = Templar(loader=DataLoader(), variables=variables)
    assert templar.template(trust_as_template('{{ aws_account_name }}')) == template
    assert not (tmp_path / 'pwned').exists()


# --- host names --------------------------------------------------------------------------------------------

def test_hosts_can_be_named_after_their_accounts(aws, tmp_path):
    aws.create()
    team_a = aws.account('Team A (prod)')

    data = inventory(aws, tmp_path, hostname='account_name')

    assert list(data.hosts) == ['Team_A_prod']
    assert host_vars(data, 'Team_A_prod')['aws_account_id'] == team_a


def test_two_accounts_with_the_same_host_name_are_an_error_naming_both(aws, tmp_path):
    aws.create()
    first, second = aws.account('Team A'), aws.account('Team/A')

    message = failure(aws, tmp_path, hostname='account_name')
    assert first in message and second in message and 'hostname: account_id' in message


# --- constructed -------------------------------------------------------------------------------------------

def test_compose_groups_and_keyed_groups(aws, tmp_path):
    aws.create()
    prod = aws.account('Prod', aws.unit('Workloads'))
    sandbox = aws.account('Sandbox')

    data = inventory(aws, tmp_path,
                     compose={'datadog_account_tags': "['ou:' ~ aws_organizational_unit_path]"},
                     groups={'sandboxes': "aws_account_name == 'Sandbox'"},
                     keyed_groups=[{'key': 'aws_account_name | lower', 'prefix': 'account'}])

    assert host_vars(data, prod)['datadog_account_tags'] == ['ou:Workloads']
    assert hosts_of(data, 'sandboxes') == [sandbox]
    assert hosts_of(data, 'account_prod') == [prod]


# --- errors ------------------------------------------------------------------------------------------------

def test_no_organization_is_a_clear_error(aws, tmp_path):
    message = failure(aws, tmp_path)
    assert 'is in no AWS Organization' in message
    assert 'AWSOrganizationsNotInUseException' in message
    assert 'management account or of a delegated administrator' in message


def test_access_denied_is_a_clear_error_naming_the_permissions(aws, tmp_path):
    aws.create()
    iam = boto3.client('iam', endpoint_url=aws.url, region_name='us-east-1', aws_access_key_id='testing',
                       aws_secret_access_key='testing')
    iam.create_user(UserName='nobody')
    key = iam.create_access_key(UserName='nobody')['AccessKey']
    # moto checks IAM policies from the next request on; reset-auth takes the count of requests to let through.
    requests.post(aws.url + '/moto-api/reset-auth', data=b'0', headers={'Content-Type': 'text/plain'},
                  timeout=10).raise_for_status()
    try:
        message = failure(aws, tmp_path, access_key=key['AccessKeyId'], secret_key=key['SecretAccessKey'])
    finally:
        requests.post(aws.url + '/moto-api/reset-auth', data=b'inf', headers={'Content-Type': 'text/plain'},
                      timeout=10).raise_for_status()
    assert 'Access denied to organizations:DescribeOrganization' in message
    assert 'ListAccountsForParent' in message


def test_other_aws_errors_name_the_call_and_quote_aws():
    error = botocore.exceptions.ClientError(
        {'Error': {'Code': 'TooManyRequestsException', 'Message': 'Rate exceeded'},
         'ResponseMetadata': {'HTTPStatusCode': 400}}, 'ListAccountsForParent')

    assert aws_organization._client_error_message(error) == \
        'organizations:ListAccountsForParent failed: TooManyRequestsException: Rate exceeded'


def test_without_boto3_the_error_says_how_to_install_it(aws, tmp_path, monkeypatch):
    monkeypatch.setattr(aws_organization, 'boto3', None)
    message = failure(aws, tmp_path)
    assert 'needs boto3' in message and 'pip install boto3' in message


def test_no_credentials_is_a_clear_error(aws, tmp_path):
    assert 'found no AWS credentials' in failure(aws, tmp_path, access_key=None, secret_key=None)


def test_credentials_come_from_a_profile(aws, tmp_path):
    aws.create()
    member = aws.account('Member')
    (tmp_path / 'no-aws-credentials').write_text('[management]\naws_access_key_id = testing\n'
                                                 'aws_secret_access_key = testing\n')

    assert list(inventory(aws, tmp_path, access_key=None, secret_key=None, profile='management').hosts) == [member]
    assert 'could not be found' in failure(aws, tmp_path, access_key=None, secret_key=None, profile='missing')


def test_a_profile_and_keys_together_are_refused(aws, tmp_path, monkeypatch):
    monkeypatch.setenv('AWS_SESSION_TOKEN', 'from-the-environment')
    message = failure(aws, tmp_path, profile='management')
    assert 'profile and access_key, secret_key, session_token are mutually exclusive' in message


def test_credentials_and_endpoint_come_from_the_environment(aws, tmp_path, monkeypatch):
    aws.create()
    member = aws.account('Member')
    monkeypatch.setenv('AWS_URL', aws.url)
    monkeypatch.setenv('AWS_ACCESS_KEY_ID', 'testing')
    monkeypatch.setenv('AWS_SECRET_ACCESS_KEY', 'testing')

    assert list(inventory(aws, tmp_path, endpoint_url=None, access_key=None, secret_key=None).hosts) == [member]


def test_an_unreachable_endpoint_is_a_clear_error(aws, tmp_path, monkeypatch, closed_port):
    monkeypatch.setenv('AWS_MAX_ATTEMPTS', '1')
    message = failure(aws, tmp_path, endpoint_url='http://127.0.0.1:%d' % closed_port)
    assert 'could not list the accounts of the AWS Organization' in message
    assert '127.0.0.1:%d' % closed_port in message


@pytest.mark.parametrize('options, expected', [
    ({'exclude_accounts': ['12345678901']}, 'exclude_accounts must be exactly 12 digits'),
    ({'exclude_accounts': [12345678901]}, 'quote it'),
    ({'assume_role_name': 'no spaces allowed'}, 'assume_role_name must be 1 to 64 characters'),
])
def test_invalid_options_are_refused_before_any_request(aws, tmp_path, options, expected):
    assert expected in failure(aws, tmp_path, **options)


def test_only_files_named_for_the_plugin_are_its_sources(tmp_path):
    plugin = inventory_loader.get('ddog.aws.aws_organization')
    for name, accepted in (('prod.aws_organization.yml', True), ('aws_organization.yaml', True),
                           ('prod.aws_ec2.yml', False), ('hosts.yml', False)):
        (tmp_path / name).write_text('plugin: ddog.aws.aws_organization\n')
        assert plugin.verify_file(str(tmp_path / name)) is accepted, name


def test_a_failure_leaves_its_reason_where_a_play_can_read_it(aws, tmp_path):
    path = tmp_path / 'test.aws_organization.yml'
    path.write_text(json.dumps(dict(plugin='ddog.aws.aws_organization', endpoint_url=aws.url, access_key='testing',
                                    secret_key='testing')))
    data = InventoryData()
    with pytest.raises(AnsibleError) as error:
        inventory_loader.get('ddog.aws.aws_organization').parse(data, DataLoader(), str(path), cache=False)
    reason = data.groups['all'].get_vars()['aws_organization_error']
    assert 'is in no AWS Organization' in reason and reason in str(error.value)


# --- assume_role_arn ---------------------------------------------------------------------------------------

def inventory_reader_role(aws, trusted_user):
    """A role of the management account that may read the organization and trusts that user; its ARN."""
    role = aws.iam.create_role(RoleName='InventoryReader', AssumeRolePolicyDocument=json.dumps({
        'Version': '2012-10-17', 'Statement': [{
            'Effect': 'Allow', 'Action': 'sts:AssumeRole',
            'Principal': {'AWS': 'arn:aws:iam::%s:user/%s' % (MANAGEMENT, trusted_user)}}]}))
    aws.iam.put_role_policy(RoleName='InventoryReader', PolicyName='read', PolicyDocument=json.dumps({
        'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': ['organizations:Describe*',
                                                                              'organizations:List*'],
                                                'Resource': '*'}]}))
    return role['Role']['Arn']


def test_the_organization_is_read_with_the_credentials_of_assume_role_arn(aws, tmp_path, sent):
    aws.create()
    member = aws.account('Member')
    role_arn = inventory_reader_role(aws, 'ci')
    access_key, secret_key = iam_user(aws, 'ci', ['sts:AssumeRole'])

    with iam_checked(aws.url):
        denied = failure(aws, tmp_path, access_key=access_key, secret_key=secret_key)
        del sent[:]
        data = inventory(aws, tmp_path, access_key=access_key, secret_key=secret_key, assume_role_arn=role_arn)

    assert 'Access denied to organizations:DescribeOrganization' in denied
    assert list(data.hosts) == [member]
    assert sent[0] == ('sts', 'AssumeRole', 'us-east-1')
    assert set(service for service, _operation, _region in sent[1:]) == {'organizations'}


def test_a_role_that_cannot_be_assumed_is_a_clear_error(aws, tmp_path):
    aws.create()
    role_arn = inventory_reader_role(aws, 'ci')
    access_key, secret_key = iam_user(aws, 'nobody', ['sts:AssumeRole'])  # allowed, but not trusted

    with iam_checked(aws.url):
        message = failure(aws, tmp_path, access_key=access_key, secret_key=secret_key, assume_role_arn=role_arn)

    assert message.startswith('Could not assume assume_role_arn %s: sts:AssumeRole answered AccessDenied' % role_arn)
    assert 'need sts:AssumeRole on that role, and its trust policy must let them in' in message


def test_no_credentials_to_assume_a_role_with_is_a_clear_error(aws, tmp_path):
    assert 'found no AWS credentials' in failure(aws, tmp_path, access_key=None, secret_key=None,
                                                 assume_role_arn='arn:aws:iam::%s:role/Reader' % MANAGEMENT)


def test_the_role_is_assumed_in_the_partition_of_aws_partition_without_a_region(aws, tmp_path, sent):
    govcloud = Organization(aws.url, region='us-gov-west-1').create()
    member = govcloud.account('GovCloud member')

    data = inventory(aws, tmp_path, aws_partition='aws-us-gov',
                     assume_role_arn='arn:aws-us-gov:iam::%s:role/Reader' % MANAGEMENT)

    assert list(data.hosts) == [member]
    assert set(region for _service, _operation, region in sent) == {'us-gov-west-1'}


def test_credentials_options_and_their_aliases_come_from_amazon_aws(aws, tmp_path):
    aws.create()
    member = aws.account('Member')

    path = tmp_path / 'aliases.aws_organization.yml'
    path.write_text(json.dumps({'plugin': 'ddog.aws.aws_organization', 'aws_access_key_id': 'testing',
                                'aws_secret_access_key': 'testing', 'aws_endpoint_url': aws.url,
                                'aws_region': 'us-east-1'}))

    assert list(parse(str(path)).hosts) == [member]


# --- caching -----------------------------------------------------------------------------------------------

def cached_source(aws, tmp_path, **options):
    return source(aws, tmp_path, cache=True, cache_plugin='ansible.builtin.jsonfile',
                  cache_connection=str(tmp_path / 'cache'), **options)


def test_a_parse_the_cache_answers_makes_no_aws_request(aws, tmp_path, sent):
    aws.create()
    members = sorted([aws.account('A', aws.unit('Workloads')), aws.account('B')])
    path = cached_source(aws, tmp_path, assume_role_arn='arn:aws:iam::%s:role/Reader' % MANAGEMENT)
    del sent[:]

    first = parse(path, cache=True)
    read = len(sent)
    second = parse(path, cache=True)

    assert read == 1 + 6 and len(sent) == read  # AssumeRole, then the organization; then nothing
    assert hosts_of(second, 'aws_organization_members') == members == hosts_of(first, 'aws_organization_members')
    assert hosts_of(second, 'aws_ou_workloads') == hosts_of(first, 'aws_ou_workloads')
    for member in members:
        assert host_vars(second, member) == host_vars(first, member)


def test_flush_cache_reads_the_organization_again(aws, tmp_path, sent):
    aws.create()
    first = aws.account('First')
    path = cached_source(aws, tmp_path)
    parse(path, cache=True)
    second = aws.account('Second')
    del sent[:]

    assert list(parse(path, cache=True).hosts) == [first] and sent == []
    assert sorted(parse(path, cache=False).hosts) == sorted([first, second])
    assert operations(sent) == Counter(LIST_OPERATIONS)
    assert sorted(parse(path, cache=True).hosts) == sorted([first, second])


def test_options_that_choose_among_the_accounts_apply_to_what_the_cache_holds(aws, tmp_path, sent):
    aws.create()
    kept, left_out = aws.account('Kept'), aws.account('Left out')
    parse(cached_source(aws, tmp_path), cache=True)
    del sent[:]

    data = parse(cached_source(aws, tmp_path, exclude_accounts=[left_out], include_management_account=True,
                               hostname='account_name', aws_partition='aws-cn'), cache=True)

    assert sent == []
    assert sorted(data.hosts) == ['Kept', 'master']
    assert host_vars(data, 'Kept')['aws_organization_role_arn'] == 'arn:aws-cn:iam::%s:role/%s' % (kept, ROLE)


def test_a_cache_made_without_tags_or_for_other_units_is_not_the_answer(aws, tmp_path, sent):
    aws.create()
    workloads = aws.unit('Workloads')
    in_workloads = aws.account('W', workloads, tags={'Datadog': 'off'})
    at_root = aws.account('Root')
    parse(cached_source(aws, tmp_path), cache=True)

    del sent[:]
    tagged = parse(cached_source(aws, tmp_path, exclude_tags={'Datadog': 'off'}), cache=True)
    assert list(tagged.hosts) == [at_root] and operations(sent)['ListTagsForResource'] > 0

    del sent[:]
    narrowed = parse(cached_source(aws, tmp_path, parent_ids=[workloads]), cache=True)
    assert list(narrowed.hosts) == [in_workloads] and operations(sent)['DescribeOrganization'] == 1


@pytest.mark.parametrize('other', [dict(access_key='AKIAOTHERPRINCIPAL01'),
                                   dict(assume_role_arn='arn:aws:iam::%s:role/OtherReader' % MANAGEMENT)])
def test_a_cache_made_with_other_credentials_is_not_the_answer(aws, tmp_path, sent, other):
    """Other credentials may reach another organization: what the cache holds is theirs, not these."""
    aws.create()
    member = aws.account('Member')
    parse(cached_source(aws, tmp_path), cache=True)
    del sent[:]

    assert list(parse(cached_source(aws, tmp_path, **other), cache=True).hosts) == [member]
    assert operations(sent)['DescribeOrganization'] == 1
    cache_files = [path.read_text() for path in (tmp_path / 'cache').iterdir()]
    assert len(cache_files) == 2 and not any('AKIAOTHERPRINCIPAL01' in text or 'testing' in text
                                             for text in cache_files), 'a digest in the key, no credential inside'


def test_names_and_tags_from_the_cache_are_never_evaluated_either(aws, tmp_path):
    aws.create()
    template = "{{ lookup('ansible.builtin.pipe', 'touch %s') }}" % (tmp_path / 'pwned')
    hostile = aws.account(template, tags={template: template})
    path = cached_source(aws, tmp_path, read_account_tags=True,
                         compose={'shown': 'aws_account_name ~ aws_account_tags.values() | first'})
    parse(path, cache=True)

    variables = host_vars(parse(path, cache=True), hostile)

    assert variables['shown'] == template + template
    assert rendered(variables, '{{ aws_account_name }}') == template
    assert rendered(variables, '{{ aws_account_tags.keys() | first }} {{ aws_account_tags.values() | first }}') == (
        '%s %s' % (template, template))
    assert not (tmp_path / 'pwned').exists()


# --- tags --------------------------------------------------------------------------------------------------

def test_tags_are_read_only_when_asked_one_request_per_active_account(aws, tmp_path, sent):
    aws.create()
    team_a = aws.account('Team A', tags={'Team': 'payments', 'Environment': 'prod'})
    untagged = aws.account('Untagged')
    aws.client.close_account(AccountId=aws.account('Closed', tags={'Team': 'gone'}))
    del sent[:]

    plain = inventory(aws, tmp_path)
    assert 'aws_account_tags' not in host_vars(plain, team_a)
    assert operations(sent)['ListTagsForResource'] == 0

    del sent[:]
    tagged = inventory(aws, tmp_path, read_account_tags=True)
    assert host_vars(tagged, team_a)['aws_account_tags'] == {'Team': 'payments', 'Environment': 'prod'}
    assert host_vars(tagged, untagged)['aws_account_tags'] == {}
    # The two members and the management account, not the closed one.
    assert operations(sent)['ListTagsForResource'] == 3


def test_accounts_are_grouped_by_tag(aws, tmp_path):
    aws.create()
    payments = aws.account('Payments', tags={'Team': 'payments', 'Environment': 'prod'})
    search = aws.account('Search', tags={'Team': 'search', 'Environment': 'staging'})
    untagged = aws.account('Untagged')

    data = inventory(aws, tmp_path, read_account_tags=True,
                     keyed_groups=[{'key': "aws_account_tags.Team | default('none')", 'prefix': 'team'},
                                   {'key': 'aws_account_tags', 'prefix': 'tag'}],
                     groups={'production': "aws_account_tags.Environment | default('') == 'prod'"},
                     compose={'datadog_account_tags': "['team:' ~ aws_account_tags.Team | default('none')]"})

    assert hosts_of(data, 'team_payments') == [payments] and hosts_of(data, 'team_search') == [search]
    assert hosts_of(data, 'team_none') == [untagged]
    assert hosts_of(data, 'tag_Environment_staging') == [search]
    assert hosts_of(data, 'production') == [payments]
    assert host_vars(data, search)['datadog_account_tags'] == ['team:search']


def test_accounts_can_be_left_out_by_tag(aws, tmp_path, sent):
    aws.create()
    kept = aws.account('Kept', tags={'Datadog': 'on', 'Environment': 'prod'})
    aws.account('Off', tags={'Datadog': 'off'})
    aws.account('Sandbox', tags={'Environment': 'sandbox'})
    aws.account('Test', tags={'Environment': 'test'})
    other_case = aws.account('Other case', tags={'datadog': 'off', 'Environment': 'Sandbox'})
    del sent[:]

    data = inventory(aws, tmp_path, exclude_tags={'Datadog': 'off', 'Environment': ['sandbox', 'test']})

    assert sorted(data.hosts) == sorted([kept, other_case])
    assert operations(sent)['ListTagsForResource'] == 6
    assert host_vars(data, kept)['aws_account_tags'] == {'Datadog': 'on', 'Environment': 'prod'}


@pytest.mark.parametrize('exclude_tags', [{'Skip': True}, {'Year': [2024]}, {'Skip': {'nested': 'dict'}}])
def test_exclude_tags_that_are_not_text_are_refused_before_any_request(aws, tmp_path, sent, exclude_tags):
    message = failure(aws, tmp_path, exclude_tags=exclude_tags)

    assert 'exclude_tags maps tag keys to a value or a list of values, all text' in message and 'quote' in message
    assert sent == []


def test_no_more_tags_are_read_than_an_account_can_hold(aws, tmp_path, sent):
    aws.create()
    crowded = aws.account('Crowded', tags=dict(('key%02d' % index, 'value') for index in range(60)))  # moto allows it
    del sent[:]

    data = inventory(aws, tmp_path, read_account_tags=True)

    assert len(host_vars(data, crowded)['aws_account_tags']) == 50
    assert operations(sent)['ListTagsForResource'] == 2  # the member and the management account, one request each


def test_tags_that_are_templates_are_never_evaluated(aws, tmp_path):
    aws.create()
    template = "{{ lookup('ansible.builtin.pipe', 'touch %s') }}" % (tmp_path / 'pwned')
    hostile = aws.account('Tagged', tags={template: template, 'Team': template})

    data = inventory(aws, tmp_path, read_account_tags=True,
                     compose={'team': 'aws_account_tags.Team'},
                     keyed_groups=[{'key': 'aws_account_tags', 'prefix': 'tag'}],
                     groups={'templated': "'lookup' in aws_account_tags.Team"})

    variables = host_vars(data, hostile)
    assert variables['aws_account_tags'] == {template: template, 'Team': template}
    assert variables['team'] == template
    assert rendered(variables, '{{ team }} {{ aws_account_tags.Team }}') == '%s %s' % (template, template)
    assert hosts_of(data, 'templated') == [hostile]
    assert [hostile] == [host for name, group in data.groups.items() if name.startswith('tag_') and 'lookup' in name
                         for host in hosts_of(data, name)][:1]
    assert not (tmp_path / 'pwned').exists()


def test_access_denied_to_tags_names_the_permission(aws, tmp_path):
    aws.create()
    member = aws.account('Member')
    access_key, secret_key = iam_user(aws, 'lister', ['organizations:%s' % name for name in LIST_OPERATIONS])

    with iam_checked(aws.url):
        listed = inventory(aws, tmp_path, access_key=access_key, secret_key=secret_key)
        message = failure(aws, tmp_path, access_key=access_key, secret_key=secret_key, read_account_tags=True)

    assert list(listed.hosts) == [member]
    assert message.startswith('Access denied to organizations:ListTagsForResource')
    assert 'ListAccountsForParent and ListTagsForResource.' in message


# --- what a parse costs ------------------------------------------------------------------------------------

def test_requests_per_parse(aws, tmp_path, sent):
    """Two, then two per root and OU at most; with tags, one more per active account; from the cache, none."""
    aws.create()
    workloads = aws.unit('Workloads')
    prod = aws.unit('Prod', parent=workloads)
    for name, parent in (('A', prod), ('B', workloads), ('C', None), ('D', None)):
        aws.account(name, parent)
    del sent[:]

    inventory(aws, tmp_path)
    assert operations(sent) == Counter({'DescribeOrganization': 1, 'ListRoots': 1,
                                        'ListOrganizationalUnitsForParent': 3, 'ListAccountsForParent': 3})

    del sent[:]
    path = cached_source(aws, tmp_path, read_account_tags=True)
    parse(path, cache=True)
    assert len(sent) == 8 + 5  # four members and the management account
    parse(path, cache=True)
    assert len(sent) == 8 + 5
