# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: trust_policy
short_description: The assume-role policy document that lets Datadog in with an external ID
version_added: 0.1.0
author:
  - ddog.aws maintainers (@ddog-aws)
description:
  - Builds the trust policy of the IAM role Datadog's AWS integration assumes, the same document
    M(ddog.aws.datadog_aws_external_id) returns as RV(ddog.aws.datadog_aws_external_id#module:trust_policy).
  - For an external ID that did not come from that module in the same play, for example one read from an existing role.
options:
  _input:
    description:
      - The ARN of Datadog's AWS account, as RV(ddog.aws.datadog_aws_external_id#module:datadog_principal) returns it.
    type: str
    required: true
  external_id:
    description: The external ID Datadog presents.
    type: str
    required: true
'''

EXAMPLES = r'''
- name: A role trusting an external ID read elsewhere
  amazon.aws.iam_role:
    name: DatadogIntegrationRole
    assume_role_policy_document: >-
      {{ 'arn:aws:iam::464622532012:root' | ddog.aws.trust_policy(datadog_external_id) | to_json }}
'''

RETURN = r'''
_value:
  description: The policy document.
  type: dict
'''

from ansible_collections.ddog.aws.plugins.module_utils._aws import trust_policy as _trust_policy
from ansible_collections.ddog.aws.plugins.plugin_utils._filters import require


def trust_policy(principal, external_id):
    for name, value in (('its input (the principal)', principal), ('external_id', external_id)):
        require('trust_policy', isinstance(value, str) and bool(value), 'a non-empty string', value, name)
    return _trust_policy(principal, external_id)


class FilterModule(object):
    def filters(self):
        return {'trust_policy': trust_policy}
