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

from ansible.errors import AnsibleFilterError

from ansible_collections.ddog.aws.plugins.module_utils._aws import InvalidValue
from ansible_collections.ddog.aws.plugins.module_utils._aws import trusted_external_id as _trusted_external_id
from ansible_collections.ddog.aws.plugins.plugin_utils._filters import require


def trusted_external_id(document, principal):
    require('trusted_external_id', isinstance(principal, str) and bool(principal), 'a non-empty string', principal,
            'the principal')
    try:
        return _trusted_external_id(document, principal)
    except InvalidValue as exc:
        raise AnsibleFilterError('trusted_external_id: %s' % exc)


class FilterModule(object):
    def filters(self):
        return {'trusted_external_id': trusted_external_id}
