# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check what ansible-inventory --list printed for the hostile organization: names and tags kept as text, never
evaluated; one distinct, valid group per OU; OU paths that read back one way.

Usage: check_hostile.py ORGANIZATION_JSON INVENTORY_JSON
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import sys

from check_inventory import plain

VALID_GROUP = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')


def group_of(unit_id):
    return 'aws_ou_' + re.sub(r'[^a-z0-9]+', '_', unit_id.lower())


def main(organization_path, inventory_path):
    with open(organization_path) as handle:
        organization = json.load(handle)
    with open(inventory_path) as handle:
        inventory = plain(json.load(handle))
    accounts, units, template = organization['accounts'], organization['units'], organization['template']
    hostvars = inventory['_meta']['hostvars']

    hostile = hostvars[accounts['template']]
    assert hostile['aws_account_name'] == template and hostile['shown_name'] == template, hostile
    assert hostile['aws_account_tags'] == {template: template, 'Team': template}, hostile
    assert hostile['shown_team'] == template, hostile
    escaped = template.replace('%', '%25').replace('/', '%2F')  # the marker's path has slashes
    assert hostvars[accounts['in_template_ou']]['aws_organizational_unit_path'] == escaped
    assert hostvars[accounts['in_template_ou']]['aws_organizational_units'] == [template]

    # OU names with no ASCII letter or digit, and two OUs whose paths read alike: a group each, named by ID.
    for key in ('honban', 'kaihatsu', 'slash', 'a_b'):
        group = inventory[group_of(units[key])]
        assert group['hosts'] == [accounts[key]], (key, group)
    assert inventory['aws_ou_a']['children'] == [group_of(units['a_b'])], inventory['aws_ou_a']
    assert hostvars[accounts['slash']]['aws_organizational_unit_path'] == 'a%2Fb'
    assert hostvars[accounts['a_b']]['aws_organizational_unit_path'] == 'a/b'
    assert hostvars[accounts['slash']]['aws_organizational_units'] == ['a/b']
    assert hostvars[accounts['a_b']]['aws_organizational_units'] == ['a', 'b']
    assert hostvars[accounts['honban']]['aws_organizational_units'] == [u'本番']
    assert 'aws_ou_' not in inventory, 'no OU is left with an empty name'
    for name in inventory:  # the plugin's own groups; keyed_groups are named by Ansible, as configured
        assert not name.startswith('aws_') or VALID_GROUP.fullmatch(name), name
    print('names and tags kept as text; %d distinct OU groups'
          % sum(1 for name in inventory if name.startswith('aws_ou_')))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
