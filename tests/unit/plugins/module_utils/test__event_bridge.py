# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a listing of EventBridge sources tells."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ddog.aws.plugins.module_utils._event_bridge import Listing

ACCOUNT = '123456789012'


def source(name, aws_account_id=ACCOUNT, region='us-east-1'):
    return dict(aws_account_id=aws_account_id, region=region, name=name)


def test_a_listing_filters_by_account_and_region_each_when_given():
    sources = [source('a-11111111'), source('b-22222222', aws_account_id='210987654321'),
               source('c-33333333', region='eu-west-1')]
    listing = Listing(True, [ACCOUNT, '210987654321'], sources)
    assert listing.matching() == sources
    assert listing.matching(aws_account_id=ACCOUNT) == [sources[0], sources[2]]
    assert listing.matching(region='us-east-1') == sources[:2]
    assert listing.matching(ACCOUNT, 'eu-west-1') == [sources[2]]
    assert listing.matching('000000000000') == []
