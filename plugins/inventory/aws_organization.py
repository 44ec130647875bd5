# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: aws_organization
short_description: One host per active account of an AWS Organization
version_added: 0.2.0
author:
  - ddog.aws maintainers (@ddog-aws)
description:
  - Lists the accounts of the AWS Organization that the credentials belong to, and makes one host of each account
    whose state is C(ACTIVE). Suspended, closed and pending accounts are skipped, and so is the management account
    unless O(include_management_account) says otherwise.
  - Each host carries the ARN of the role to assume in its account (O(assume_role_name)), so that a play over these
    hosts can get credentials for each account with M(amazon.aws.sts_assume_role) and work there, in parallel up to
    C(forks).
  - Tasks run on the controller. The group C(aws_organization) sets C(ansible_connection=local),
    C(ansible_host=localhost), and C(ansible_python_interpreter) to the Python that runs this plugin (it has C(boto3),
    which M(amazon.aws.sts_assume_role) needs). These are group variables, so C(group_vars) files and O(compose)
    override them.
  - Walks the organization's tree of organizational units (OUs), so each host knows its OU and is in one group per
    OU (nested as the OUs are).
  - 'Calls, all read-only: C(organizations:DescribeOrganization), C(organizations:ListRoots),
    C(organizations:ListOrganizationalUnitsForParent) (once per OU) and C(organizations:ListAccountsForParent) (once
    per OU listed). Only the management account and a delegated administrator for AWS Organizations may make them.'
  - The inventory file name must end in C(aws_organization.yml) or C(aws_organization.yaml).
requirements:
  - boto3 (for the Python that runs C(ansible-inventory) or C(ansible-playbook))
extends_documentation_fragment:
  - constructed
options:
  plugin:
    description: The name of this plugin, to mark the file as its inventory source.
    type: str
    required: true
    choices: [ddog.aws.aws_organization]
  access_key:
    description:
      - AWS access key ID of the management account, or of a delegated administrator for AWS Organizations.
      - Without it, and without O(profile), C(boto3) looks for credentials where it always does (the environment,
        C(~/.aws/credentials), an instance role...).
      - Mutually exclusive with O(profile).
    type: str
    aliases: [aws_access_key_id, aws_access_key]
    env:
      - name: AWS_ACCESS_KEY_ID
      - name: AWS_ACCESS_KEY
  secret_key:
    description: AWS secret access key that goes with O(access_key).
    type: str
    aliases: [aws_secret_access_key, aws_secret_key]
    env:
      - name: AWS_SECRET_ACCESS_KEY
      - name: AWS_SECRET_KEY
  session_token:
    description: AWS session token, for temporary credentials.
    type: str
    aliases: [aws_session_token]
    env:
      - name: AWS_SESSION_TOKEN
  profile:
    description:
      - A named profile of the AWS configuration files.
      - A profile with C(role_arn) and C(source_profile) lets C(boto3) assume a role in the management account (or a
        delegated administrator) first.
      - Mutually exclusive with O(access_key), O(secret_key) and O(session_token).
    type: str
    aliases: [aws_profile]
    env:
      - name: AWS_PROFILE
      - name: AWS_DEFAULT_PROFILE
  endpoint_url:
    description:
      - URL to send AWS Organizations requests to instead of AWS's endpoint, such as a test double on loopback.
      - C(boto3) also reads E(AWS_ENDPOINT_URL) and E(AWS_ENDPOINT_URL_ORGANIZATIONS) itself.
    type: str
    aliases: [aws_endpoint_url]
    env:
      - name: AWS_URL
  region:
    description:
      - The region of the AWS Organizations endpoint.
      - AWS Organizations is a global service with one endpoint per partition. Without this option and without a
        region in the AWS configuration, the one for O(aws_partition) is used (V(us-east-1) for V(aws),
        V(us-gov-west-1) for V(aws-us-gov), V(cn-northwest-1) for V(aws-cn)).
    type: str
    aliases: [aws_region]
    env:
      - name: AWS_REGION
      - name: AWS_DEFAULT_REGION
  aws_partition:
    description:
      - The AWS partition of the organization, for the role ARNs in C(aws_organization_role_arn).
      - Without it, the partition of the organization's ARN, as AWS Organizations returns it.
    type: str
    choices: [aws, aws-cn, aws-us-gov]
  assume_role_name:
    description:
      - The name of the IAM role to assume in each account, which C(aws_organization_role_arn) names.
      - AWS Organizations creates V(OrganizationAccountAccessRole) in every account it creates, trusting the
        management account. Accounts that joined by invitation have it only if someone created it.
    type: str
    default: OrganizationAccountAccessRole
  parent_ids:
    description:
      - Only the accounts under these organizational units or roots (C(ou-...) or C(r-...) IDs), at any depth.
      - Without it, every account of the organization.
    type: list
    elements: str
    default: []
  exclude_accounts:
    description:
      - 12-digit IDs of accounts to leave out. Quote them in YAML so that leading zeros survive.
    type: list
    elements: str
    default: []
  include_management_account:
    description:
      - Whether the management account is a host too, in the group C(aws_organization_management).
      - It is left out by default, as it is usually set up on its own, with its own credentials.
    type: bool
    default: false
  hostname:
    description:
      - What to name each host.
      - V(account_id), the 12-digit account ID, is unique and never changes.
      - V(account_name), the account name with every run of characters other than letters, digits, C(.), C(_) and
        C(-) replaced by C(_). Two accounts with the same name, or a name with none of these characters, are an
        error.
    type: str
    choices: [account_id, account_name]
    default: account_id
notes:
  - 'Host variables: C(aws_account_id), C(aws_account_name), C(aws_account_email), C(aws_organization_role_arn), the
    role to assume in the account, C(aws_organization_id), C(aws_partition), C(aws_organization_parent_id), the ID of
    the OU or root the account is in, C(aws_organizational_units), the names of the OUs from the root down (a list,
    empty at the root), and C(aws_organizational_unit_path), those names joined by C(/) (a C(/) or C(%) inside a
    name written C(%2F) or C(%25), so that the path reads back one way).'
  - Every value that comes from AWS (names, e-mail addresses, IDs) is marked unsafe, so that Ansible never evaluates
    it as a template, whoever renamed an account or an OU.
  - 'Groups: C(aws_organization) holds every host, C(aws_organization_members) every member account,
    C(aws_organization_management) the management account when O(include_management_account). Each OU is a group
    named C(aws_ou_) followed by its path, lower case, with C(_) for every run of other characters than ASCII letters
    and digits (C(aws_ou_workloads_prod) for C(Workloads/Prod)), a child of the group of its parent OU. An OU whose
    name keeps no letter or digit that way, or that would share its group name with another OU, is named after its ID
    instead (C(aws_ou_ou_ab12_34cd56ef)), so that every OU has a group of its own.'
  - When the organization cannot be read (no organization, access denied, throttled past the retries), the plugin
    fails, and it also sets the variable C(aws_organization_error) of the C(all) group to the reason, so that a
    play (such as C(ddog.aws.organization_rollout)) can fail with it instead of finding no host to run on.
  - C(boto3) retries throttled calls as its configuration says (E(AWS_RETRY_MODE), E(AWS_MAX_ATTEMPTS)).
seealso:
  - module: amazon.aws.sts_assume_role
  - module: amazon.aws.aws_caller_info
  - name: Accessing member accounts in AWS Organizations
    description: The role AWS Organizations creates in each account, and how to assume it.
    link: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access-cross-account-role.html
'''

EXAMPLES = r'''
---
# prod.aws_organization.yml: every active member account, credentials of the management account from the
# environment (AWS_ACCESS_KEY_ID ...) or the default profile.
plugin: ddog.aws.aws_organization

---
# workloads.aws_organization.yml: the accounts under two OUs, named after the accounts, with a role of your own,
# a group per top-level OU (top_root for the accounts at the root), and Datadog tags made from the OU path.
plugin: ddog.aws.aws_organization
profile: management
parent_ids:
  - ou-ab12-34cd56ef
  - ou-ab12-78gh90ij
exclude_accounts:
  - "012345678901"
assume_role_name: AnsibleRollout
hostname: account_name
keyed_groups:
  - key: aws_organizational_unit_path.split('/')[0] | lower
    prefix: top
    default_value: root
compose:
  datadog_account_tags: "['ou:' ~ aws_organizational_unit_path]"

# A play that works in each account with that account's own credentials:
#   ansible-playbook -i prod.aws_organization.yml --forks 20 rollout.yml
# rollout.yml:
#   - hosts: aws_organization_members
#     gather_facts: false
#     tasks:
#       - name: Credentials for this account
#         amazon.aws.sts_assume_role:
#           role_arn: "{{ aws_organization_role_arn }}"
#           role_session_name: ansible-rollout
#         register: assumed
#       - name: Who am I there
#         amazon.aws.aws_caller_info:
#           access_key: "{{ assumed.sts_creds.access_key }}"
#           secret_key: "{{ assumed.sts_creds.secret_key }}"
#           session_token: "{{ assumed.sts_creds.session_token }}"
#         register: caller
#       - ansible.builtin.assert:
#           that: caller.account == aws_account_id
'''

import re
import sys

from ansible.errors import AnsibleError
from ansible.plugins.inventory import BaseInventoryPlugin, Constructable
from ansible.utils.unsafe_proxy import wrap_var
from ansible.utils.vars import combine_vars

from ansible_collections.ddog.aws.plugins.module_utils._aws import (
    ORGANIZATIONS_REGIONS,
    arn_partition,
    aws_account_id_error,
    role_arn,
    role_name_error,
)

try:
    import boto3
    import botocore.exceptions
except ImportError:
    boto3 = None

ALL_GROUP = 'aws_organization'
MEMBERS_GROUP = 'aws_organization_members'
MANAGEMENT_GROUP = 'aws_organization_management'
OU_GROUP_PREFIX = 'aws_ou_'
ERROR_VARIABLE = 'aws_organization_error'

_NOT_IN_HOST_NAMES = re.compile(r'[^A-Za-z0-9._-]+')
_NOT_IN_GROUP_NAMES = re.compile(r'[^a-z0-9]+')


class InventoryModule(BaseInventoryPlugin, Constructable):

    NAME = 'ddog.aws.aws_organization'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(
            ('aws_organization.yml', 'aws_organization.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        try:
            self._read_config_data(path)
            self._populate(self._read(path))
        except AnsibleError as error:
            # Ansible turns a plugin's failure into a warning and goes on with no host: a play over the accounts would
            # then succeed having done nothing. The reason stays where a play can read it and fail with it.
            self.inventory.set_variable('all', ERROR_VARIABLE, wrap_var('%s' % error.message))
            raise

    def _read(self, path):
        if boto3 is None:
            raise AnsibleError('The %s inventory plugin needs boto3, which the Python that runs Ansible (%s) cannot '
                               'import. Install it there: %s -m pip install boto3'
                               % (self.NAME, sys.executable, sys.executable))
        self._check_options()
        try:
            return _read_organization(self._organizations_client(), self.get_option('parent_ids'))
        except botocore.exceptions.ClientError as error:
            raise AnsibleError(_client_error_message(error))
        except botocore.exceptions.NoCredentialsError:
            raise AnsibleError('%s found no AWS credentials. Set access_key and secret_key, or profile, in %s, or '
                               'the usual AWS environment variables.' % (self.NAME, path))
        except botocore.exceptions.BotoCoreError as error:
            raise AnsibleError('%s could not list the accounts of the AWS Organization: %s' % (self.NAME, error))

    def _check_options(self):
        errors = [role_name_error('assume_role_name', self.get_option('assume_role_name'))]
        errors += [aws_account_id_error('exclude_accounts', str(account))
                   for account in self.get_option('exclude_accounts')]
        credentials = [name for name in ('access_key', 'secret_key', 'session_token') if self.get_option(name)]
        if self.get_option('profile') and credentials:
            errors.append('profile and %s are mutually exclusive (check the AWS_* environment variables too).'
                          % ', '.join(credentials))
        errors = [error for error in errors if error]
        if errors:
            raise AnsibleError('%s: %s' % (self.NAME, ' '.join(errors)))

    def _organizations_client(self):
        try:
            session = boto3.session.Session(
                profile_name=self.get_option('profile'),
                aws_access_key_id=self.get_option('access_key'),
                aws_secret_access_key=self.get_option('secret_key'),
                aws_session_token=self.get_option('session_token'))
        except botocore.exceptions.ProfileNotFound as error:
            raise AnsibleError('%s: %s' % (self.NAME, error))
        region = (self.get_option('region') or session.region_name
                  or ORGANIZATIONS_REGIONS[self.get_option('aws_partition') or 'aws'])
        return session.client('organizations', region_name=region, endpoint_url=self.get_option('endpoint_url'))

    def _populate(self, organization):
        partition = self.get_option('aws_partition') or arn_partition(organization['arn'])
        management_id = organization['management_account_id']
        excluded = set(str(account) for account in self.get_option('exclude_accounts'))
        accounts = [account for account in organization['accounts']
                    if account['state'] == 'ACTIVE' and account['id'] not in excluded
                    and (account['id'] != management_id or self.get_option('include_management_account'))]
        host_names = self._host_names(accounts)

        self.inventory.add_group(ALL_GROUP)
        for variable, value in (('ansible_connection', 'local'), ('ansible_host', 'localhost'),
                                ('ansible_python_interpreter', sys.executable)):
            self.inventory.set_variable(ALL_GROUP, variable, value)
        for group in (MEMBERS_GROUP, MANAGEMENT_GROUP):
            self.inventory.add_group(group)
            self.inventory.add_child(ALL_GROUP, group)
        unit_groups = self._add_unit_groups(organization['units'], set(account['parent_id'] for account in accounts))

        strict = self.get_option('strict')
        for account in accounts:
            host = host_names[account['id']]
            self.inventory.add_host(host, group=MANAGEMENT_GROUP if account['id'] == management_id else MEMBERS_GROUP)
            if account['parent_id'] in unit_groups:
                self.inventory.add_child(unit_groups[account['parent_id']], host)
            names = organization['units'][account['parent_id']]['path']
            # Every value that comes from AWS is marked unsafe, as amazon.aws's inventory plugins mark theirs: an
            # account's administrator can rename it to a template, which must never be run on the controller.
            host_vars = wrap_var({
                'aws_account_id': account['id'],
                'aws_account_name': account['name'],
                'aws_account_email': account['email'],
                'aws_organization_role_arn': role_arn(partition, account['id'], self.get_option('assume_role_name')),
                'aws_organization_id': organization['id'],
                'aws_partition': partition,
                'aws_organization_parent_id': account['parent_id'],
                'aws_organizational_unit_path': unit_path(names),
                'aws_organizational_units': list(names),
            })
            for variable, value in host_vars.items():
                self.inventory.set_variable(host, variable, value)
            if self.get_option('use_extra_vars'):
                host_vars = combine_vars(host_vars, self._vars)
            self._set_composite_vars(self.get_option('compose'), host_vars, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), host_vars, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), host_vars, host, strict=strict)

    def _host_names(self, accounts):
        """Account ID to host name; names made from account names must be usable and unique, or nothing is."""
        if self.get_option('hostname') == 'account_id':
            return dict((account['id'], account['id']) for account in accounts)
        names, owners = {}, {}
        for account in accounts:
            name = _NOT_IN_HOST_NAMES.sub('_', account['name']).strip('_')
            if not name:
                raise AnsibleError('%s: the name of account %s, %r, has no letter, digit, ".", "_" or "-" to make a '
                                   'host name of. Set hostname: account_id.' % (self.NAME, account['id'], account['name']))
            if name in owners:
                raise AnsibleError('%s: accounts %s and %s would both be host %s. Rename one, or set hostname: '
                                   'account_id.' % (self.NAME, owners[name], account['id'], name))
            owners[name] = account['id']
            names[account['id']] = name
        return names

    def _add_unit_groups(self, units, occupied):
        """A group per OU that holds a host, directly or below it, nested as the OUs are; OU ID to group name.

        Names come from the OU path, lower case, every run of characters other than ASCII letters and digits one
        '_'. An OU whose name keeps nothing that way (Japanese, say), or whose group name another OU would get too,
        is named after its ID instead, so that group names stay distinct and valid whatever AWS allows in a name.
        """
        wanted = sorted(set(ancestor for unit_id in occupied for ancestor in _lineage(unit_id, units)
                            if units[ancestor]['path']))
        names = dict((unit_id, _group_name(units[unit_id]['path'])) for unit_id in wanted)
        taken = {}
        for unit_id, name in names.items():
            taken.setdefault(name, []).append(unit_id)
        for unit_id in wanted:
            if names[unit_id] is None or len(taken[names[unit_id]]) > 1:
                names[unit_id] = OU_GROUP_PREFIX + _NOT_IN_GROUP_NAMES.sub('_', unit_id.lower())
        groups = {}
        for unit_id in wanted:
            groups[unit_id] = self.inventory.add_group(names[unit_id])
        for unit_id, group in groups.items():
            if units[unit_id]['parent_id'] in groups:
                self.inventory.add_child(groups[units[unit_id]['parent_id']], group)
        return groups


def unit_path(names):
    """OU names from the root down, joined by '/'; a '/' or '%' inside a name is written %2F or %25, so that the
    path reads back one way."""
    return '/'.join(name.replace('%', '%25').replace('/', '%2F') for name in names)


def _group_name(names):
    """aws_ou_ and the OU path made a group name; None when one of its names keeps nothing."""
    parts = [_NOT_IN_GROUP_NAMES.sub('_', name.lower()).strip('_') for name in names]
    if not all(parts):
        return None
    return OU_GROUP_PREFIX + '_'.join(parts)


def _read_organization(client, parent_ids):
    """The organization, its roots and OUs (ID to path and parent), and the accounts under parent_ids (all if empty).

    Accounts are listed per OU rather than with ListAccounts, so that each one comes with its place in the tree.
    """
    description = client.describe_organization()['Organization']
    units = {}
    to_walk = []
    for page in client.get_paginator('list_roots').paginate():
        for root in page['Roots']:
            units[root['Id']] = {'path': [], 'parent_id': None}
            to_walk.append(root['Id'])
    while to_walk:
        parent_id = to_walk.pop(0)
        for page in client.get_paginator('list_organizational_units_for_parent').paginate(ParentId=parent_id):
            for unit in page['OrganizationalUnits']:
                units[unit['Id']] = {'path': units[parent_id]['path'] + [unit['Name']], 'parent_id': parent_id}
                to_walk.append(unit['Id'])

    unknown = [parent_id for parent_id in parent_ids if parent_id not in units]
    if unknown:
        raise AnsibleError('parent_ids: %s %s no root or organizational unit of the organization %s.'
                           % (', '.join(unknown), 'is' if len(unknown) == 1 else 'are', description['Id']))
    listed = [unit_id for unit_id in units if not parent_ids or set(_lineage(unit_id, units)) & set(parent_ids)]
    accounts = []
    for unit_id in listed:
        for page in client.get_paginator('list_accounts_for_parent').paginate(ParentId=unit_id):
            for account in page['Accounts']:
                accounts.append({
                    'id': account['Id'],
                    'name': account['Name'],
                    'email': account['Email'],
                    # State replaces Status, which AWS Organizations stops returning in September 2026.
                    'state': account.get('State') or account.get('Status'),
                    'parent_id': unit_id,
                })
    return {'id': description['Id'], 'arn': description['Arn'],
            'management_account_id': description['MasterAccountId'], 'units': units, 'accounts': accounts}


def _lineage(unit_id, units):
    """The unit and its ancestors up to the root."""
    while unit_id is not None:
        yield unit_id
        unit_id = units[unit_id]['parent_id']


def _client_error_message(error):
    """What went wrong, in AWS's words, and what to do about it for the errors people meet."""
    details = error.response.get('Error', {})
    code = details.get('Code', '')
    answer = '%s: %s' % (code, details.get('Message', ''))
    operation = 'organizations:%s' % error.operation_name
    if code == 'AWSOrganizationsNotInUseException':
        return ('The account of these AWS credentials is in no AWS Organization (%s answered %s). Use credentials of '
                'the management account or of a delegated administrator for AWS Organizations.' % (operation, answer))
    # A bare HTTP 403 counts too: moto's IAM checks, for one, answer with the status as the code.
    if code in ('AccessDeniedException', 'AccessDenied') or error.response.get(
            'ResponseMetadata', {}).get('HTTPStatusCode') == 403:
        return ('Access denied to %s (%s). Only the management account and a delegated administrator for AWS '
                'Organizations may list accounts, and their credentials need organizations:DescribeOrganization, '
                'ListRoots, ListOrganizationalUnitsForParent and ListAccountsForParent.' % (operation, answer))
    return '%s failed: %s' % (operation, answer)
