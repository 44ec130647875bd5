# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: iam_policy_documents
short_description: Split IAM actions into policy documents that each fit IAM's size limit
version_added: 0.1.0
author:
  - ddog.aws maintainers (@ddog-aws)
description:
  - Sorts and de-duplicates a list of IAM actions and packs them into as few policy documents as fit under
    O(max_size), each allowing its actions on every resource.
  - The same actions always give the same documents, so policies written from them change only when the actions do.
  - Made for the permissions M(ddog.aws.datadog_aws_iam_permissions_info) returns, which are more than one managed
    policy can hold.
options:
  _input:
    description: IAM actions, such as V(ec2:Describe*).
    type: list
    elements: str
    required: true
  max_size:
    description:
      - The largest document, in characters of compact JSON. IAM allows 6144 characters in a managed policy, not
        counting white space.
    type: int
    default: 6144
'''

EXAMPLES = r'''
- name: Write Datadog's permissions as managed policies
  amazon.aws.iam_managed_policy:
    name: "DatadogIntegrationPolicy-{{ index + 1 }}"
    policy: "{{ item | to_json }}"
  loop: "{{ datadog_permissions.permissions | ddog.aws.iam_policy_documents }}"
  loop_control:
    index_var: index
'''

RETURN = r'''
_value:
  description:
    - Policy documents of version C(2012-10-17), each with one statement that allows its actions on every resource.
    - Empty when the input is empty.
  type: list
  elements: dict
'''

from ansible.errors import AnsibleFilterError

from ansible_collections.ddog.aws.plugins.module_utils._aws import IAM_MANAGED_POLICY_LIMIT, InvalidValue, policy_documents
from ansible_collections.ddog.aws.plugins.plugin_utils._filters import items_of, require


def iam_policy_documents(actions, max_size=IAM_MANAGED_POLICY_LIMIT):
    actions = items_of('iam_policy_documents', actions, 'an IAM action (a string)', lambda action: isinstance(action, str))
    require('iam_policy_documents', isinstance(max_size, int) and not isinstance(max_size, bool) and max_size > 0,
            'a positive number of characters', max_size, 'max_size')
    try:
        return policy_documents(actions, max_size)
    except InvalidValue as exc:
        raise AnsibleFilterError('iam_policy_documents: %s' % exc)


class FilterModule(object):
    def filters(self):
        return {'iam_policy_documents': iam_policy_documents}
