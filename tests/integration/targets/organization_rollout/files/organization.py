# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Build an AWS Organization of N member accounts in moto; print their IDs by name, as JSON.

Usage: organization.py [--existing] NAME [NAME ...]; --existing adds them to the organization already there. The
management account is the caller's (moto's 123456789012 for the fake
credentials setup_moto exports). moto gives each new account an OrganizationAccountAccessRole that trusts it, and
honours sts:AssumeRole into it: the credentials it returns work in that account's own IAM.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

import boto3


def main(names):
    # boto3 reads AWS_DEFAULT_REGION, not the AWS_REGION setup_moto exports.
    organizations = boto3.client('organizations', region_name=os.environ['AWS_REGION'])
    if names[:1] == ['--existing']:
        names = names[1:]
    else:
        organizations.create_organization(FeatureSet='ALL')
    accounts = {}
    for name in names:
        status = organizations.create_account(AccountName=name, Email='%s@example.com' % name)['CreateAccountStatus']
        accounts[name] = status['AccountId']
    print(json.dumps(accounts))


if __name__ == '__main__':
    main(sys.argv[1:])
