# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Build, in an empty moto, an AWS Organization whose names a member account's administrator chose to attack with.

Usage: hostile_organization.py MARKER. Account and OU names, and the key and the values of the template account's
tags, are Jinja templates that would create the file MARKER if Ansible ever evaluated them (AWS refuses braces in
tags, moto does not: an endpoint that is not AWS can answer anything); two OUs have names with no ASCII letter or
digit (Japanese), and an OU name holds a '/' while another OU's path reads the same. Prints, as JSON, the accounts by
role in the test and the OU IDs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys


def main(marker):
    import boto3

    organizations = boto3.client('organizations', region_name=os.environ['AWS_REGION'])
    organizations.create_organization(FeatureSet='ALL')
    root = organizations.list_roots()['Roots'][0]['Id']

    def unit(name, parent=root):
        return organizations.create_organizational_unit(ParentId=parent, Name=name)['OrganizationalUnit']['Id']

    template = "{{ lookup('ansible.builtin.pipe', 'touch %s') }}" % marker
    units = {'template': unit(template), 'honban': unit(u'本番'), 'kaihatsu': unit(u'開発'), 'slash': unit('a/b')}
    units['a'] = unit('a')
    units['a_b'] = unit('b', units['a'])
    accounts = {}
    for key, name, parent in (('template', template, root), ('in_template_ou', 'Plain', units['template']),
                              ('honban', u'本番アカウント', units['honban']), ('kaihatsu', 'Dev', units['kaihatsu']),
                              ('slash', 'Slash', units['slash']), ('a_b', 'Nested', units['a_b'])):
        tags = {template: template, 'Team': template} if key == 'template' else {}
        account_id = organizations.create_account(
            AccountName=name, Email='%s@example.com' % key,
            Tags=[{'Key': tag, 'Value': value} for tag, value in tags.items()])['CreateAccountStatus']['AccountId']
        if parent != root:
            organizations.move_account(AccountId=account_id, SourceParentId=root, DestinationParentId=parent)
        accounts[key] = account_id
    print(json.dumps({'accounts': accounts, 'units': units, 'template': template}))


if __name__ == '__main__':
    main(sys.argv[1])
