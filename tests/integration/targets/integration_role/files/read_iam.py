# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Print, as JSON, an IAM role as moto holds it: ARN, trust policy, each attached policy's document, and the
managed policies named after the role's policy name that are attached to nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys

import boto3


def leftover_policies(iam, policy_name):
    """Policies named policy_name-N that no role uses: what a teardown must not leave behind."""
    policies = iam.list_policies(Scope='Local')['Policies']
    return sorted(policy['PolicyName'] for policy in policies
                  if policy['PolicyName'].startswith(policy_name + '-') and not policy['AttachmentCount'])


def main(role_name, region, policy_name):
    iam = boto3.client('iam', region_name=region)  # endpoint and fake keys from AWS_ENDPOINT_URL etc.: moto.sh
    try:
        role = iam.get_role(RoleName=role_name)['Role']
    except iam.exceptions.NoSuchEntityException:
        print(json.dumps({'exists': False, 'leftover_policies': leftover_policies(iam, policy_name)}))
        return
    policies = []
    for attached in iam.list_attached_role_policies(RoleName=role_name)['AttachedPolicies']:
        policy = iam.get_policy(PolicyArn=attached['PolicyArn'])['Policy']
        version = iam.get_policy_version(PolicyArn=policy['Arn'], VersionId=policy['DefaultVersionId'])
        document = version['PolicyVersion']['Document']
        document = json.loads(document) if isinstance(document, str) else document
        policies.append({'name': attached['PolicyName'], 'arn': attached['PolicyArn'], 'document': document,
                         'size': len(json.dumps(document, separators=(',', ':')))})
    trust = role['AssumeRolePolicyDocument']
    print(json.dumps({
        'exists': True,
        'arn': role['Arn'],
        'trust_policy': json.loads(trust) if isinstance(trust, str) else trust,
        'policies': sorted(policies, key=lambda policy: policy['name']),
        'leftover_policies': leftover_policies(iam, policy_name),
    }))


if __name__ == '__main__':
    main(*sys.argv[1:4])
