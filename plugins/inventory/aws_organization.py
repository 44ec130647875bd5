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
  - With O(read_account_tags) or O(exclude_tags), each account's AWS Organizations tags are read too, into the host
    variable C(aws_account_tags), for O(keyed_groups), O(groups) and O(compose) to group accounts by, and for
    O(exclude_tags) to leave accounts out by.
  - Credentials are read as amazon.aws's inventory plugins read them (O(access_key), O(profile), the C(AWS_*)
    environment variables, C(~/.aws)), and O(assume_role_arn) assumes a role in the management account first.
  - 'Calls, all read-only: C(sts:AssumeRole) first when O(assume_role_arn) is set;
    C(organizations:DescribeOrganization), C(organizations:ListRoots), C(organizations:ListOrganizationalUnitsForParent) (once per root and OU) and
    C(organizations:ListAccountsForParent) (once per root and OU listed); and, when tags are read,
    C(organizations:ListTagsForResource) once per active account. Only the management account and a delegated
    administrator for AWS Organizations may make the C(organizations) calls.'
  - The inventory file name must end in C(aws_organization.yml) or C(aws_organization.yaml).
requirements:
  - the C(amazon.aws) collection (its inventory base and credential options), a dependency of this collection, and
    C(boto3) and C(botocore) for the Python that runs C(ansible-inventory) or C(ansible-playbook)
extends_documentation_fragment:
  - inventory_cache
  - constructed
  - amazon.aws.boto3
  - amazon.aws.common.plugins
  - amazon.aws.region.plugins
  - amazon.aws.assume_role.plugins
options:
  plugin:
    description: The name of this plugin, to mark the file as its inventory source.
    type: str
    required: true
    choices: [ddog.aws.aws_organization]
  region:
    description:
      - The region of the AWS Organizations endpoint, and of the STS endpoint that O(assume_role_arn) uses.
      - AWS Organizations is a global service with one endpoint per partition. Without this option and without a
        region in the AWS configuration (E(AWS_DEFAULT_REGION), C(~/.aws/config)), the one for O(aws_partition) is
        used (V(us-east-1) for V(aws), V(us-gov-west-1) for V(aws-us-gov), V(cn-northwest-1) for V(aws-cn)).
  assume_role_arn:
    description:
      - The ARN of an IAM role to assume before reading the organization, in the management account or in a
        delegated administrator for AWS Organizations. The credentials (O(access_key), O(profile), the environment)
        need C(sts:AssumeRole) on it, and its trust policy must let them in.
      - Not to be confused with O(assume_role_name), the role in each member account that the hosts name.
    version_added: 0.3.0
  aws_partition:
    description:
      - The AWS partition of the organization, for the role ARNs in C(aws_organization_role_arn), and the partition
        whose endpoints are used when no region is set (see O(region)).
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
  read_account_tags:
    description:
      - Whether to read each active account's AWS Organizations tags into the host variable C(aws_account_tags), a
        dict of tag keys to values.
      - It costs one C(organizations:ListTagsForResource) request per active account, on top of the two or so per
        OU that listing the accounts costs, so it is off unless asked for. AWS Organizations throttles requests at a
        low rate, which C(boto3) waits out (E(AWS_RETRY_MODE), E(AWS_MAX_ATTEMPTS)); for an organization of
        hundreds of accounts, turn on O(cache) too, so that only the first parse (and C(--flush-cache)) reads them.
      - AWS Organizations allows 50 tags on an account; the plugin reads no more than that per account.
    type: bool
    default: false
    version_added: 0.3.0
  exclude_tags:
    description:
      - Accounts to leave out by their AWS Organizations tags, as a dict of tag keys to the value, or list of values,
        that leave an account out. An account with any one of them is left out.
      - Setting it reads the tags, as O(read_account_tags) does.
      - Keys and values are compared as they are, case included. Quote values that YAML would read as something
        other than text, such as V("true") or V("2024").
    type: dict
    default: {}
    version_added: 0.3.0
notes:
  - 'Host variables: C(aws_account_id), C(aws_account_name), C(aws_account_email), C(aws_organization_role_arn), the
    role to assume in the account, C(aws_organization_id), C(aws_partition), C(aws_organization_parent_id), the ID of
    the OU or root the account is in, C(aws_organizational_units), the names of the OUs from the root down (a list,
    empty at the root), C(aws_organizational_unit_path), those names joined by C(/) (a C(/) or C(%) inside a
    name written C(%2F) or C(%25), so that the path reads back one way), and C(aws_account_tags) when tags are read.'
  - Every value that comes from AWS (names, e-mail addresses, tag keys and values, IDs) is marked unsafe, so that
    Ansible never evaluates it as a template, whoever renamed or tagged an account or an OU.
  - 'Groups: C(aws_organization) holds every host, C(aws_organization_members) every member account,
    C(aws_organization_management) the management account when O(include_management_account). Each OU is a group
    named C(aws_ou_) followed by its path, lower case, with C(_) for every run of other characters than ASCII letters
    and digits (C(aws_ou_workloads_prod) for C(Workloads/Prod)), a child of the group of its parent OU. An OU whose
    name keeps no letter or digit that way, or that would share its group name with another OU, is named after its ID
    instead (C(aws_ou_ou_ab12_34cd56ef)), so that every OU has a group of its own.'
  - 'Caching: with O(cache) and a cache plugin that outlives the process (such as V(ansible.builtin.jsonfile)), the
    organization as read is kept, and a parse that the cache answers makes no AWS request, not even
    C(sts:AssumeRole). C(ansible-inventory --flush-cache) (or C(ansible-playbook --flush-cache)) and O(cache_timeout)
    read it again. The other options apply to what the cache holds, so changing O(exclude_accounts), say, needs no
    new read; changing O(parent_ids), or whether tags are read, reads the organization again, and so do other
    credentials (another O(profile), O(access_key), O(endpoint_url) or O(assume_role_arn), which may reach another
    organization). The cache holds no credential; its key holds a digest of these.'
  - When the organization cannot be read (no organization, access denied, a role that cannot be assumed, throttled
    past the retries), the plugin fails, and it also sets the variable C(aws_organization_error) of the C(all) group
    to the reason, so that a play (such as C(ddog.aws.organization_rollout)) can fail with it instead of finding no
    host to run on.
  - C(boto3) retries throttled calls as its configuration says (E(AWS_RETRY_MODE), E(AWS_MAX_ATTEMPTS)).
seealso:
  - module: amazon.aws.sts_assume_role
  - module: amazon.aws.aws_caller_info
  - name: Accessing member accounts in AWS Organizations
    description: The role AWS Organizations creates in each account, and how to assume it.
    link: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access-cross-account-role.html
  - name: Tagging AWS Organizations resources
    description: Tags on accounts, and the limit of 50 a resource.
    link: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_tagging.html
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

---
# tagged.aws_organization.yml: CI's credentials assume a read-only role in the management account; accounts
# tagged Datadog=off are left out, the others are grouped by their Team tag (team_payments ...) and carry their
# Environment tag as a Datadog tag. The organization is read once an hour (the tags cost a request per account):
# other runs, and other processes, take it from the JSON files in ~/.cache/ddog-aws-inventory.
plugin: ddog.aws.aws_organization
assume_role_arn: arn:aws:iam::123456789012:role/OrganizationInventoryReader
read_account_tags: true
exclude_tags:
  Datadog: "off"
keyed_groups:
  - key: aws_account_tags.Team | default('none')
    prefix: team
compose:
  datadog_account_tags: "['env:' ~ aws_account_tags.Environment | default('unknown')]"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ddog-aws-inventory
cache_timeout: 3600

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

import hashlib
import json
import re
import sys

from ansible.errors import AnsibleError
from ansible.utils.unsafe_proxy import wrap_var
from ansible.utils.vars import combine_vars

from ansible_collections.amazon.aws.plugins.plugin_utils.inventory import AWSInventoryBase
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

# What listing the accounts needs, and what reading their tags adds.
LIST_PERMISSIONS = ('DescribeOrganization', 'ListRoots', 'ListOrganizationalUnitsForParent', 'ListAccountsForParent')
TAGS_PERMISSION = 'ListTagsForResource'
# AWS Organizations allows 50 tags on a resource: no account has more to read.
MAX_TAGS_PER_ACCOUNT = 50

_NOT_IN_HOST_NAMES = re.compile(r'[^A-Za-z0-9._-]+')
_NOT_IN_GROUP_NAMES = re.compile(r'[^a-z0-9]+')


class InventoryModule(AWSInventoryBase):

    NAME = 'ddog.aws.aws_organization'
    INVENTORY_FILE_SUFFIXES = ('aws_organization.yml', 'aws_organization.yaml')

    def parse(self, inventory, loader, path, cache=True):
        try:
            if boto3 is None:
                raise AnsibleError('The %s inventory plugin needs boto3, which the Python that runs Ansible (%s) '
                                   'cannot import. Install it there: %s -m pip install boto3'
                                   % (self.NAME, sys.executable, sys.executable))
            super(InventoryModule, self).parse(inventory, loader, path, cache=cache)
            self._check_options()
            cached, organization = self.get_cached_result(path, cache)
            if not cached:
                organization = self._read(path)
                self.update_cached_result(path, cache, organization)
            self._populate(organization)
        except AnsibleError as error:
            # Ansible turns a plugin's failure into a warning and goes on with no host: a play over the accounts would
            # then succeed having done nothing. The reason stays where a play can read it and fail with it.
            inventory.set_variable('all', ERROR_VARIABLE, wrap_var('%s' % error.message))
            raise

    def get_cache_key(self, path):
        """The file's key, what decides which requests are made, and who makes them: a cache made for other
        parent_ids, without the tags that exclude_tags needs, or with other credentials (another profile, access key,
        endpoint or role to assume, which may reach another organization) is never taken for the answer. Only a
        digest of these goes into the key, never a secret."""
        made_with = json.dumps([sorted(self.get_option('parent_ids')), self._reads_tags()] + [
            self.get_option(option) for option in ('profile', 'access_key', 'endpoint_url', 'assume_role_arn')])
        return '%s_%s' % (super(InventoryModule, self).get_cache_key(path),
                          hashlib.sha256(made_with.encode('utf-8')).hexdigest()[:8])

    def _set_frozen_credentials(self):
        """amazon.aws's parse assumes assume_role_arn here; _read does it instead, so that a parse the cache
        answers makes no AWS request."""

    def _reads_tags(self):
        """Tags cost a request per account: read when asked for, or when exclude_tags needs them."""
        return self.get_option('read_account_tags') or bool(self.get_option('exclude_tags'))

    def _check_options(self):
        errors = [role_name_error('assume_role_name', self.get_option('assume_role_name'))]
        errors += [aws_account_id_error('exclude_accounts', str(account))
                   for account in self.get_option('exclude_accounts')]
        errors += [_tag_values_error(key, values) for key, values in self.get_option('exclude_tags').items()]
        credentials = [name for name in ('access_key', 'secret_key', 'session_token') if self.get_option(name)]
        if self.get_option('profile') and credentials:
            errors.append('profile and %s are mutually exclusive (check the AWS_* environment variables too).'
                          % ', '.join(credentials))
        errors = [error for error in errors if error]
        if errors:
            raise AnsibleError('%s: %s' % (self.NAME, ' '.join(errors)))

    def _read(self, path):
        """The organization as AWS Organizations describes it, with assume_role_arn's credentials when set."""
        if not self.region:
            # One endpoint per partition serves AWS Organizations; STS answers there too.
            self.set_option('region', ORGANIZATIONS_REGIONS[self.get_option('aws_partition') or 'aws'])
        read_tags = self._reads_tags()
        permissions = LIST_PERMISSIONS + ((TAGS_PERMISSION,) if read_tags else ())
        try:
            self._assume_role()
            return _read_organization(self.client('organizations'), self.get_option('parent_ids'), read_tags=read_tags)
        except botocore.exceptions.ClientError as error:
            raise AnsibleError(_client_error_message(error, permissions, self.get_option('assume_role_arn')))
        except botocore.exceptions.NoCredentialsError:
            raise AnsibleError('%s found no AWS credentials. Set access_key and secret_key, or profile, in %s, or '
                               'the usual AWS environment variables.' % (self.NAME, path))
        except botocore.exceptions.BotoCoreError as error:
            raise AnsibleError('%s could not list the accounts of the AWS Organization: %s' % (self.NAME, error))

    def _assume_role(self):
        """amazon.aws's assume_role_arn, failing with botocore's error whatever amazon.aws's release: 9 lets it
        through, later releases raise a message of their own while handling it."""
        try:
            super(InventoryModule, self)._set_frozen_credentials()
        except AnsibleError as error:
            if isinstance(error.__context__, (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError)):
                raise error.__context__
            raise

    def _populate(self, organization):
        partition = self.get_option('aws_partition') or arn_partition(organization['arn'])
        management_id = organization['management_account_id']
        excluded = set(str(account) for account in self.get_option('exclude_accounts'))
        exclude_tags = self.get_option('exclude_tags')
        accounts = [account for account in organization['accounts']
                    if account['state'] == 'ACTIVE' and account['id'] not in excluded
                    and (account['id'] != management_id or self.get_option('include_management_account'))
                    and not _tagged_with_any(account.get('tags', {}), exclude_tags)]
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
            host_vars = {
                'aws_account_id': account['id'],
                'aws_account_name': account['name'],
                'aws_account_email': account['email'],
                'aws_organization_role_arn': role_arn(partition, account['id'], self.get_option('assume_role_name')),
                'aws_organization_id': organization['id'],
                'aws_partition': partition,
                'aws_organization_parent_id': account['parent_id'],
                'aws_organizational_unit_path': unit_path(names),
                'aws_organizational_units': list(names),
            }
            if 'tags' in account:
                host_vars['aws_account_tags'] = account['tags']
            # Every value that comes from AWS is marked unsafe, as amazon.aws's inventory plugins mark theirs: an
            # account's administrator can rename or tag it with a template, which must never be run on the controller.
            host_vars = wrap_var(host_vars)
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


def _read_organization(client, parent_ids, read_tags=False):
    """The organization, its roots and OUs (ID to path and parent), and the accounts under parent_ids (all if empty),
    each active one with its tags when read_tags.

    Accounts are listed per OU rather than with ListAccounts, so that each one comes with its place in the tree.
    Tags are read for every active account listed, the management account and excluded ones too, so that what the
    cache holds serves whatever exclude_accounts or include_management_account say next.
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
    if read_tags:
        for account in accounts:
            if account['state'] == 'ACTIVE':
                account['tags'] = _account_tags(client, account['id'])
    return {'id': description['Id'], 'arn': description['Arn'],
            'management_account_id': description['MasterAccountId'], 'units': units, 'accounts': accounts}


def _lineage(unit_id, units):
    """The unit and its ancestors up to the root."""
    while unit_id is not None:
        yield unit_id
        unit_id = units[unit_id]['parent_id']


def _account_tags(client, account_id):
    """The account's tags, key to value: one request, as AWS answers, and never more than an account can hold."""
    pages = client.get_paginator('list_tags_for_resource').paginate(
        ResourceId=account_id, PaginationConfig={'MaxItems': MAX_TAGS_PER_ACCOUNT})
    return dict((tag['Key'], tag['Value']) for page in pages for tag in page['Tags'])


def _tag_values_error(key, values):
    """A message when an exclude_tags entry is not a tag key with a value or a list of values, else None."""
    if isinstance(key, str) and all(isinstance(value, str) for value in _as_list(values)):
        return None
    return ('exclude_tags maps tag keys to a value or a list of values, all text; got %r: %r (quote what YAML reads '
            'as a number or a boolean).' % (key, values))


def _tagged_with_any(tags, exclude_tags):
    """Whether the account's tags hold one of the key and value pairs of exclude_tags."""
    return any(key in tags and tags[key] in _as_list(values) for key, values in exclude_tags.items())


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _client_error_message(error, permissions=LIST_PERMISSIONS, assume_role_arn=None):
    """What went wrong, in AWS's words, and what to do about it for the errors people meet.

    permissions: the organizations actions the reading needs, which an access denied names.
    """
    details = error.response.get('Error', {})
    code = details.get('Code', '')
    answer = '%s: %s' % (code, details.get('Message', ''))
    # A bare HTTP 403 counts too: moto's IAM checks, for one, answer with the status as the code.
    denied = code in ('AccessDeniedException', 'AccessDenied') or error.response.get(
        'ResponseMetadata', {}).get('HTTPStatusCode') == 403
    if error.operation_name == 'AssumeRole':
        return ('Could not assume assume_role_arn %s: sts:AssumeRole answered %s.%s'
                % (assume_role_arn, answer, ' The credentials need sts:AssumeRole on that role, and its trust policy '
                                            'must let them in.' if denied else ''))
    operation = 'organizations:%s' % error.operation_name
    if code == 'AWSOrganizationsNotInUseException':
        return ('The account of these AWS credentials is in no AWS Organization (%s answered %s). Use credentials of '
                'the management account or of a delegated administrator for AWS Organizations.' % (operation, answer))
    if denied:
        return ('Access denied to %s (%s). Only the management account and a delegated administrator for AWS '
                'Organizations may list accounts, and their credentials need organizations:%s and %s.'
                % (operation, answer, ', '.join(permissions[:-1]), permissions[-1]))
    return '%s failed: %s' % (operation, answer)
