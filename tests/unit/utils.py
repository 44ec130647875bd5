# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Values the unit tests share. Fixtures live in the conftest files; a test imports plain values from here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Obvious fakes, long enough that a leak would be unmistakable in any output.
API_KEY = 'fake-api-key-0123456789-never-printed'
APP_KEY = 'fake-app-key-9876543210-never-printed'
# An AWS secret access key in AWS's documented example shape, for integrations with access keys.
AWS_SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY'
