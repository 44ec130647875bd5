# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check what `ansible-inventory --list` printed against the organization files/organization.py built.

Usage: check_inventory.py ORGANIZATION_JSON INVENTORY_JSON
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys


def plain(value):
    """ansible-core 2.19 and later print values that came from an inventory plugin as {"__ansible_unsafe": value}."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def main(organization_path, inventory_path):
    with open(organization_path) as handle:
        organization = json.load(handle)
    with open(inventory_path) as handle:
        inventory = plain(json.load(handle))
    members = organization['member_accounts']
    hostvars = inventory['_meta']['hostvars']

    assert sorted(hostvars) == sorted(members.values()), hostvars.keys()
    assert organization['management_account_id'] not in hostvars
    assert organization['closed_account_id'] not in hostvars
    assert sorted(inventory['aws_organization_members']['hosts']) == sorted(members.values())
    assert inventory['aws_organization']['children'] == ['aws_organization_members', 'aws_organization_management']

    paths = {'Team A': 'Workloads/Prod', 'Team B': 'Workloads', 'Sandbox': ''}
    parents = {'Team A': organization['units']['Prod'], 'Team B': organization['units']['Workloads']}
    for name, account_id in members.items():
        host = hostvars[account_id]
        expected = {
            'aws_account_id': account_id,
            'aws_account_name': name,
            'aws_account_email': '%s@example.com' % name.replace(' ', '.'),
            'aws_organization_role_arn': 'arn:aws:iam::%s:role/OrganizationAccountAccessRole' % account_id,
            'aws_partition': 'aws',
            'aws_organizational_unit_path': paths[name],
            'datadog_account_tags': ['ou:%s' % (paths[name] or 'root')],
            'ansible_connection': 'local',
            'ansible_host': 'localhost',
        }
        assert dict((key, host.get(key)) for key in expected) == expected, (name, host)
        assert host['aws_organization_parent_id'] == parents.get(name, host['aws_organization_parent_id'])
        assert host['aws_organization_parent_id'].startswith('ou-' if name in parents else 'r-')
        assert inventory['account_%s' % name.lower().replace(' ', '_')]['hosts'] == [account_id]

    assert inventory['aws_ou_workloads']['children'] == ['aws_ou_workloads_prod']
    assert inventory['aws_ou_workloads']['hosts'] == [members['Team B']]
    assert inventory['aws_ou_workloads_prod']['hosts'] == [members['Team A']]
    print('ansible-inventory listed the %d active member accounts, their variables and groups' % len(members))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
