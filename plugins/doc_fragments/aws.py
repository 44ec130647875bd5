# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The AWS credentials of an action that works in an AWS account itself, in amazon.aws's option names.
    DOCUMENTATION = r'''
options:
  access_key:
    description:
      - AWS access key ID. Without it and without O(profile), C(boto3) looks for credentials where it always does
        (E(AWS_ACCESS_KEY_ID), E(AWS_PROFILE), C(~/.aws/credentials), an instance or container role...).
      - Also taken from C(module_defaults) for C(group/amazon.aws.aws), as amazon.aws modules take it.
    type: str
    aliases: [aws_access_key_id, aws_access_key]
  secret_key:
    description: The AWS secret access key that goes with O(access_key).
    type: str
    aliases: [aws_secret_access_key, aws_secret_key]
  session_token:
    description: The AWS session token, for temporary credentials.
    type: str
    aliases: [aws_session_token, security_token]
  profile:
    description:
      - A named profile of the AWS configuration files. Mutually exclusive with O(access_key), O(secret_key) and
        O(session_token).
    type: str
    aliases: [aws_profile]
  region:
    description:
      - The region of the AWS STS endpoint. IAM itself is global in each partition.
      - If not set, E(AWS_REGION) or E(AWS_DEFAULT_REGION) is read, as amazon.aws modules do (the task's
        C(environment) included); then the region of the AWS configuration, if it is in O(aws_partition); else the
        partition's first region (V(us-east-1) for V(aws), V(us-gov-west-1) for V(aws-us-gov)).
    type: str
    aliases: [aws_region]
  endpoint_url:
    description:
      - URL to send AWS STS and IAM requests to instead of AWS's endpoints, such as a test double on loopback.
      - If not set, E(AWS_URL) is read, as amazon.aws modules do; C(boto3) also reads E(AWS_ENDPOINT_URL) itself.
    type: str
    aliases: [aws_endpoint_url]
  assume_role_arn:
    description:
      - The ARN of a role in the account to assume with the credentials above, such as the
        C(aws_organization_role_arn) the P(ddog.aws.aws_organization#inventory) inventory sets on each account.
      - The temporary credentials it gives are used for this task only and never returned or shown.
      - Without it, the credentials must be the account's own; the action checks that they are with
        C(sts:GetCallerIdentity) before anything else.
    type: str
notes:
  - This runs on the controller, in the Python that runs Ansible (it is an action plugin, so C(ansible_python_interpreter)
    does not apply). That Python needs C(boto3) and C(requests).
  - Credentials of any kind are never returned, shown in a diff, or put into an error message or a warning.
requirements:
  - boto3 (for the Python that runs Ansible)
'''
