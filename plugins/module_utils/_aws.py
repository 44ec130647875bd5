# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What this collection knows of AWS: partitions, Organizations, Datadog's principals, trust policies, ID and name rules.

No HTTP here, so that filters and roles can use it without the Datadog client.
Rules that reject a value raise InvalidValue with a message naming the option.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

AWS_PARTITIONS = ('aws', 'aws-cn', 'aws-us-gov')

# The region whose endpoint serves AWS Organizations, a global service, in each partition.
ORGANIZATIONS_REGIONS = {'aws': 'us-east-1', 'aws-cn': 'cn-northwest-1', 'aws-us-gov': 'us-gov-west-1'}

# The AWS account Datadog assumes roles from, by site and by the partition of the customer's AWS account,
# as Datadog's own CloudFormation templates and documentation give them. No site serves aws-cn.
DATADOG_AWS_ACCOUNTS = {
    ('datadoghq.com', 'aws'): '464622532012',
    ('us3.datadoghq.com', 'aws'): '464622532012',
    ('us5.datadoghq.com', 'aws'): '464622532012',
    ('datadoghq.eu', 'aws'): '464622532012',
    ('ap1.datadoghq.com', 'aws'): '417141415827',
    ('ap2.datadoghq.com', 'aws'): '412381753143',
    ('uk1.datadoghq.com', 'aws'): '117348461845',
    ('ddog-gov.com', 'aws'): '392588925713',
    ('ddog-gov.com', 'aws-us-gov'): '065115117704',
    ('us2.ddog-gov.com', 'aws'): '382742775718',
    ('us2.ddog-gov.com', 'aws-us-gov'): '486737091498',
}

# fullmatch, never match with '$': '$' also matches before a trailing newline.
_AWS_ACCOUNT_ID = re.compile(r'[0-9]{12}')
# IAM's rule for role names.
_ROLE_NAME = re.compile(r'[A-Za-z0-9+=,.@_-]{1,64}')


class InvalidValue(ValueError):
    """A value the collection refuses; its message names the option and says what is expected."""


def datadog_principal(site, partition):
    """The ARN of Datadog's AWS account that the integration role must trust."""
    account = DATADOG_AWS_ACCOUNTS.get((site, partition))
    if account is None:
        serving = sorted(known_site for known_site, known_partition in DATADOG_AWS_ACCOUNTS
                         if known_partition == partition)
        raise InvalidValue(
            'Datadog site %s does not serve AWS accounts in the %s partition. %s' % (
                site, partition,
                'Sites that do: %s.' % ', '.join(serving) if serving
                else 'No Datadog site does; supported partitions are aws and aws-us-gov.'))
    return 'arn:%s:iam::%s:root' % (partition, account)


def trust_policy(principal, external_id):
    """The assume-role policy document that lets Datadog in with this external ID, and nobody else."""
    return {
        'Version': '2012-10-17',
        'Statement': [{
            'Effect': 'Allow',
            'Principal': {'AWS': principal},
            'Action': 'sts:AssumeRole',
            'Condition': {'StringEquals': {'sts:ExternalId': external_id}},
        }],
    }


def trusted_external_id(document, principal):
    """The sts:ExternalId a trust policy requires of principal, or '' when it lets principal in on no such condition.

    document: a dict, or its JSON text. Raises InvalidValue when it is neither.
    """
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError as exc:
            raise InvalidValue('A trust policy must be a policy document; this is text that is not JSON: %s' % exc)
    if not isinstance(document, dict):
        raise InvalidValue('A trust policy must be a policy document (a dict), not a %s.' % type(document).__name__)
    for statement in _as_list(document.get('Statement') or []):
        if not isinstance(statement, dict) or statement.get('Effect') != 'Allow':
            continue
        principals = statement.get('Principal')
        if not isinstance(principals, dict) or principal not in _as_list(principals.get('AWS')):
            continue
        condition = statement.get('Condition')
        equals = condition.get('StringEquals') if isinstance(condition, dict) else None
        external_id = equals.get('sts:ExternalId') if isinstance(equals, dict) else None
        if isinstance(external_id, str) and external_id:
            return external_id
    return ''


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


# IAM's limit for a managed policy, in characters not counting white space.
IAM_MANAGED_POLICY_LIMIT = 6144


def _policy(actions):
    return {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': actions, 'Resource': '*'}]}


def _size(value):
    return len(json.dumps(value, separators=(',', ':')))


def policy_documents(actions, max_size=IAM_MANAGED_POLICY_LIMIT):
    """IAM actions, sorted and de-duplicated, packed into as few Allow-on-* documents as fit under max_size.

    The same actions always give the same documents, so policies written from them change only when the actions do.
    """
    empty = _size(_policy([]))
    documents = []
    batch, size = [], empty
    for action in sorted(set(actions)):
        cost = _size(action) + (1 if batch else 0)  # the action and the comma before it
        if empty + _size(action) > max_size:
            raise InvalidValue('The IAM action %r alone does not fit in a policy of %d characters.' % (action, max_size))
        if size + cost > max_size:
            documents.append(_policy(batch))
            batch, size, cost = [], empty, _size(action)
        batch.append(action)
        size += cost
    if batch:
        documents.append(_policy(batch))
    return documents


def arn_partition(arn):
    """The partition an ARN is in: arn:PARTITION:service:region:account:resource."""
    return arn.split(':')[1]


def region_partition(region):
    """The partition a region is in: us-gov-* and cn-* have their own, every other region is in aws."""
    if region.startswith('us-gov-'):
        return 'aws-us-gov'
    return 'aws-cn' if region.startswith('cn-') else 'aws'


def role_arn(partition, account_id, role_name):
    """The ARN of an IAM role without a path, the ARN sts:AssumeRole takes."""
    return 'arn:%s:iam::%s:role/%s' % (partition, account_id, role_name)


def aws_account_id_error(option, value):
    """A message naming the option when value is not a 12-digit AWS account ID, else None."""
    if value is None or _AWS_ACCOUNT_ID.fullmatch(value):
        return None
    hint = ''
    if value.isdigit() and len(value) < 12:
        hint = ' (if the ID starts with 0, quote it: an unquoted number in YAML loses its leading zeros)'
    return '%s must be exactly 12 digits, got %r%s.' % (option, value, hint)


def role_name_error(option, value):
    """A message naming the option when value is not a valid IAM role name, else None."""
    if value is None or _ROLE_NAME.fullmatch(value):
        return None
    return '%s must be 1 to 64 characters of letters, digits and +=,.@_-, got %r.' % (option, value)


def check_identifiers(aws_account_ids=None, role_names=None):
    """Raise InvalidValue naming every option whose value is not an AWS account ID or an IAM role name.

    Each argument maps an option's name to its value; a value of None is not checked.
    """
    errors = [aws_account_id_error(option, value) for option, value in sorted((aws_account_ids or {}).items())]
    errors += [role_name_error(option, value) for option, value in sorted((role_names or {}).items())]
    errors = [error for error in errors if error]
    if errors:
        raise InvalidValue(' '.join(errors))
