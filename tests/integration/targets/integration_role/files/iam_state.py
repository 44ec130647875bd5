# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What moto holds in the account's IAM, and the foreign look-alikes the ownership tests put there.

Usage (AWS_ENDPOINT_URL and fake keys from setup_moto; the region from AWS_REGION):
  iam_state.py read ROLE                     the role as JSON: ARN, trust policy, tags, every policy attached, the
                                             ones marked for it with their documents, inline policies, instance
                                             profiles, and the policies marked for it that are attached to nothing
  iam_state.py snapshot FILE                 write everything the account's IAM holds that is not AWS's to FILE
  iam_state.py unchanged FILE [ROLE ...]     fail, showing what differs, unless the account's IAM is as in FILE,
                                             leaving out the named roles and the policies marked for them
  iam_state.py foreign ROLE                  a role named ROLE that something else made: EC2 trust, a managed
                                             policy (WebTier) and an inline policy (S3Access)
  iam_state.py lookalikes ROLE               another team's role (TeamX) with policies named as ROLE's and 0.2.0's,
                                             in its own path
  iam_state.py hostile ROLE                  attach unmarked policies with hostile numbered names to ROLE
  iam_state.py attach ROLE ARN               attach a managed policy to ROLE, as a user would
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

import boto3

MARK = 'ddog.aws:managed-by'
FOR_ROLE = 'ddog.aws:role'
DOCUMENT = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:ListBucket', 'Resource': '*'}]}
EC2_TRUST = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'},
                                                     'Action': 'sts:AssumeRole'}]}


def client():
    return boto3.client('iam', region_name=os.environ['AWS_REGION'])


def tags(items):
    return dict((tag['Key'], tag['Value']) for tag in items or [])


def document(value):
    return json.loads(value) if isinstance(value, str) else value


def policy_view(iam, arn):
    policy = iam.get_policy(PolicyArn=arn)['Policy']
    version = iam.get_policy_version(PolicyArn=arn, VersionId=policy['DefaultVersionId'])['PolicyVersion']
    held_tags = tags(policy.get('Tags'))
    return {'name': policy['PolicyName'], 'arn': arn, 'path': policy['Path'], 'tags': held_tags,
            'marked_for': held_tags.get(FOR_ROLE) if held_tags.get(MARK) == 'ddog.aws' else None,
            'attachments': policy['AttachmentCount'], 'document': document(version['Document']),
            'size': len(json.dumps(document(version['Document']), separators=(',', ':')))}


def read(role_name):
    iam = client()
    leftovers = sorted(policy['PolicyName'] for policy in iam.list_policies(Scope='Local')['Policies']
                       if not policy['AttachmentCount'] and policy_view(iam, policy['Arn'])['marked_for'] == role_name)
    try:
        role = iam.get_role(RoleName=role_name)['Role']
    except iam.exceptions.NoSuchEntityException:
        return {'exists': False, 'leftover_policies': leftovers}
    attached = iam.list_attached_role_policies(RoleName=role_name)['AttachedPolicies']
    return {
        'exists': True,
        'arn': role['Arn'],
        'description': role.get('Description'),
        'trust_policy': document(role['AssumeRolePolicyDocument']),
        'tags': tags(role.get('Tags')),
        'marked': tags(role.get('Tags')).get(MARK) == 'ddog.aws',
        'path': role['Path'],
        'boundary': (role.get('PermissionsBoundary') or {}).get('PermissionsBoundaryArn'),
        'max_session_duration': role.get('MaxSessionDuration'),
        'site': tags(role.get('Tags')).get('ddog.aws:datadog-site'),
        'attached': sorted(policy['PolicyArn'] for policy in attached),
        'policies': sorted((view for view in (policy_view(iam, policy['PolicyArn']) for policy in attached
                                              if ':aws:policy/' not in policy['PolicyArn'])
                            if view['marked_for'] == role_name), key=lambda policy: policy['name']),
        'inline': sorted(iam.list_role_policies(RoleName=role_name)['PolicyNames']),
        'instance_profiles': sorted(profile['InstanceProfileName'] for profile in
                                    iam.list_instance_profiles_for_role(RoleName=role_name)['InstanceProfiles']),
        'leftover_policies': leftovers,
    }


def snapshot():
    iam = client()
    roles = {}
    for role in iam.list_roles()['Roles']:
        name = role['RoleName']
        held = iam.get_role(RoleName=name)['Role']
        roles[name] = {
            'path': held['Path'], 'description': held.get('Description'), 'tags': tags(held.get('Tags')),
            'trust': document(held['AssumeRolePolicyDocument']),
            'attached': sorted(policy['PolicyArn'] for policy in
                               iam.list_attached_role_policies(RoleName=name)['AttachedPolicies']),
            'inline': dict((policy, document(iam.get_role_policy(RoleName=name, PolicyName=policy)['PolicyDocument']))
                           for policy in iam.list_role_policies(RoleName=name)['PolicyNames']),
        }
    policies = dict((policy['Arn'], policy_view(iam, policy['Arn']))
                    for policy in iam.list_policies(Scope='Local')['Policies'])
    profiles = dict((profile['InstanceProfileName'], sorted(role['RoleName'] for role in profile['Roles']))
                    for profile in iam.list_instance_profiles()['InstanceProfiles'])
    return {'roles': roles, 'policies': policies, 'instance_profiles': profiles}


def without(view, role_names):
    """A snapshot without the named roles and the policies marked for them."""
    return {
        'roles': dict((name, role) for name, role in view['roles'].items() if name not in role_names),
        'policies': dict((arn, policy) for arn, policy in view['policies'].items()
                         if not (policy['tags'].get(MARK) and policy['tags'].get(FOR_ROLE) in role_names)),
        'instance_profiles': view['instance_profiles'],
    }


def unchanged(path, role_names):
    with open(path) as handle:
        before = without(json.load(handle), role_names)
    after = without(snapshot(), role_names)
    if before != after:
        sys.exit('IAM changed beyond %s:\nbefore: %s\nafter:  %s' % (
            ', '.join(role_names) or 'nothing', json.dumps(before, sort_keys=True), json.dumps(after, sort_keys=True)))


def create_policy(iam, name, path='/'):
    return iam.create_policy(PolicyName=name, Path=path, PolicyDocument=json.dumps(DOCUMENT))['Policy']['Arn']


def main(command, *args):
    iam = client()
    if command == 'read':
        print(json.dumps(read(args[0])))
    elif command == 'snapshot':
        with open(args[0], 'w') as handle:
            json.dump(snapshot(), handle)
    elif command == 'unchanged':
        unchanged(args[0], args[1:])
    elif command == 'foreign':
        iam.create_role(RoleName=args[0], AssumeRolePolicyDocument=json.dumps(EC2_TRUST), Description='the web tier')
        iam.attach_role_policy(RoleName=args[0], PolicyArn=create_policy(iam, 'WebTier'))
        iam.put_role_policy(RoleName=args[0], PolicyName='S3Access', PolicyDocument=json.dumps(DOCUMENT))
    elif command == 'lookalikes':
        iam.create_role(RoleName='TeamX', Path='/team-x/', AssumeRolePolicyDocument=json.dumps(EC2_TRUST))
        for name in (args[0] + 'Policy-1', 'DatadogIntegrationPolicy-1'):
            iam.attach_role_policy(RoleName='TeamX', PolicyArn=create_policy(iam, name, '/team-x/'))
    elif command == 'hostile':
        for name in ('DatadogIntegrationPolicy-99999999999', args[0] + 'Policy-150'):
            iam.attach_role_policy(RoleName=args[0], PolicyArn=create_policy(iam, name))
    elif command == 'attach':
        iam.attach_role_policy(RoleName=args[0], PolicyArn=args[1])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(*sys.argv[1:])
