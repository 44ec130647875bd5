# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: trusted_external_id
short_description: The external ID an IAM trust policy requires of a principal
version_added: 0.1.0
author:
  - ddog.aws maintainers (@ddog-aws)
description:
  - Reads an IAM role's assume-role policy document and returns the C(sts:ExternalId) that its C(StringEquals)
    condition requires of O(principal), or an empty string when no statement lets that principal in with one.
  - Lets a playbook reuse the ID an existing role already trusts instead of generating a new one.
options:
  _input:
    description: The assume-role policy document, as a dict or as JSON text.
    type: raw
    required: true
  principal:
    description: The ARN of the principal, for example the RV(ddog.aws.datadog_aws_external_id#module:datadog_principal).
    type: str
    required: true
'''

EXAMPLES = r'''
- name: Read the role
  amazon.aws.iam_role_info:
    name: DatadogIntegrationRole
  register: existing

- name: The ID it trusts Datadog with, if any
  ansible.builtin.set_fact:
    trusted_id: >-
      {{ existing.iam_roles[0].assume_role_policy_document
         | ddog.aws.trusted_external_id('arn:aws:iam::464622532012:root') }}
  when: existing.iam_roles | length == 1
'''

RETURN = r'''
_value:
  description: The external ID, or an empty string.
  type: str
'''

import json

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence


def _as_list(value):
    return list(value) if is_sequence(value) else [value]


def trusted_external_id(document, principal):
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError as exc:
            raise AnsibleFilterError('trusted_external_id expects a policy document, got text that is not JSON: %s' % exc)
    if not isinstance(document, dict):
        raise AnsibleFilterError('trusted_external_id expects a policy document (a dict), got %r' % (document,))
    for statement in _as_list(document.get('Statement') or []):
        if not isinstance(statement, dict) or statement.get('Effect') != 'Allow':
            continue
        principals = statement.get('Principal') or {}
        if not isinstance(principals, dict) or principal not in _as_list(principals.get('AWS')):
            continue
        equals = (statement.get('Condition') or {}).get('StringEquals') or {}
        external_id = equals.get('sts:ExternalId')
        if isinstance(external_id, str) and external_id:
            return external_id
    return ''


class FilterModule(object):
    def filters(self):
        return {'trusted_external_id': trusted_external_id}
