# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Print, as JSON by account ID, what moto holds in each member account: Datadog's IAM role and its policies.

Usage: read_accounts.py ROLE_NAME POLICY_NAME ACCOUNT_ID [ACCOUNT_ID ...]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

import boto3


def read(account_id, role_name, policy_name):
    sts = boto3.client('sts', region_name=os.environ['AWS_REGION'])
    credentials = sts.assume_role(RoleArn='arn:aws:iam::%s:role/OrganizationAccountAccessRole' % account_id,
                                  RoleSessionName='verify')['Credentials']
    iam = boto3.client('iam', region_name=os.environ['AWS_REGION'], aws_access_key_id=credentials['AccessKeyId'],
                       aws_secret_access_key=credentials['SecretAccessKey'],
                       aws_session_token=credentials['SessionToken'])
    # The policies marked for the role, wherever they are and whatever they are named.
    ours = sorted(policy['PolicyName'] for policy in iam.list_policies(Scope='Local')['Policies']
                  if {'Key': 'ddog.aws:role', 'Value': role_name} in iam.list_policy_tags(PolicyArn=policy['Arn'])['Tags']
                  and policy['PolicyName'].startswith(policy_name + '-'))
    try:
        role = iam.get_role(RoleName=role_name)['Role']
    except iam.exceptions.NoSuchEntityException:
        return {'role': False, 'policies': ours}
    trust = role['AssumeRolePolicyDocument']
    trust = json.loads(trust) if isinstance(trust, str) else trust
    attached = iam.list_attached_role_policies(RoleName=role_name)['AttachedPolicies']
    tags = dict((tag['Key'], tag['Value']) for tag in role.get('Tags', []))
    return {'role': True, 'policies': ours, 'attached': sorted(policy['PolicyName'] for policy in attached),
            'marked': tags.get('ddog.aws:managed-by') == 'ddog.aws',
            'external_id': trust['Statement'][0]['Condition']['StringEquals']['sts:ExternalId'],
            'principal': trust['Statement'][0]['Principal']['AWS']}


def main(role_name, policy_name, account_ids):
    print(json.dumps(dict((account_id, read(account_id, role_name, policy_name)) for account_id in account_ids)))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
