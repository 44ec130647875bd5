# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check what ansible-inventory --list printed for tagged.aws_organization.yml against the organization
files/organization.py built: the account tagged Datadog=off left out, the others grouped by their Team tag, each
with its tags.

Usage: check_tags.py ORGANIZATION_JSON INVENTORY_JSON
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys

from check_inventory import plain


def main(organization_path, inventory_path):
    with open(organization_path) as handle:
        organization = json.load(handle)
    with open(inventory_path) as handle:
        inventory = plain(json.load(handle))
    members, tags = organization['member_accounts'], organization['tags']
    hostvars = inventory['_meta']['hostvars']

    assert sorted(hostvars) == sorted([members['Team A'], members['Team B']]), hostvars.keys()
    for name in ('Team A', 'Team B'):
        assert hostvars[members[name]]['aws_account_tags'] == tags[name], (name, hostvars[members[name]])
    assert inventory['team_payments']['hosts'] == [members['Team A']], inventory['team_payments']
    assert inventory['team_search']['hosts'] == [members['Team B']], inventory['team_search']
    print('Sandbox (Datadog=off) left out; Team A and Team B grouped by their Team tag')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
