# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Build an AWS Organization in moto and print, as JSON, the IDs the tests expect.

Root
  Sandbox             (account, tagged Datadog=off)
  Closed              (account, closed: SUSPENDED)
  Workloads           (OU)
    Team B            (account, tagged Team=search)
    Prod              (OU)
      Team A          (account, tagged Team=payments, Datadog=on)

The management account is the caller's: moto's default 123456789012, as moto maps credentials it does not know
(the fake ones setup_moto exports) to that account. Each account moto creates gets a random 12-digit ID and an
OrganizationAccountAccessRole that trusts the management account.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

import boto3


def main():
    # Endpoint and fake keys from the environment moto.sh sets; boto3 reads AWS_DEFAULT_REGION, not AWS_REGION.
    organizations = boto3.client('organizations', region_name=os.environ['AWS_REGION'])
    management_id = organizations.create_organization(FeatureSet='ALL')['Organization']['MasterAccountId']
    root = organizations.list_roots()['Roots'][0]['Id']
    workloads = organizations.create_organizational_unit(ParentId=root, Name='Workloads')['OrganizationalUnit']['Id']
    prod = organizations.create_organizational_unit(ParentId=workloads, Name='Prod')['OrganizationalUnit']['Id']
    accounts = {}
    tags = {'Team A': {'Team': 'payments', 'Datadog': 'on'}, 'Team B': {'Team': 'search'},
            'Sandbox': {'Datadog': 'off'}}
    for name, parent in (('Team A', prod), ('Team B', workloads), ('Sandbox', root), ('Closed', root)):
        account_id = organizations.create_account(
            AccountName=name, Email='%s@example.com' % name.replace(' ', '.'),
            Tags=[{'Key': key, 'Value': value} for key, value in tags.get(name, {}).items()])['CreateAccountStatus'][
                'AccountId']
        if parent != root:
            organizations.move_account(AccountId=account_id, SourceParentId=root, DestinationParentId=parent)
        accounts[name] = account_id
    closed = accounts.pop('Closed')
    organizations.close_account(AccountId=closed)
    print(json.dumps({'management_account_id': management_id, 'member_accounts': accounts,
                      'closed_account_id': closed, 'units': {'Workloads': workloads, 'Prod': prod}, 'tags': tags}))


if __name__ == '__main__':
    main()
