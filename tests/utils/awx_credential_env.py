# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The environment AWX injects into a job for a credential of a custom credential type.

Checks the type as AWX does when it is created (the fields its inputs may have, required inputs, choices,
environment variable names, templates that only use defined fields), then renders its env injectors the
way AWX does: Jinja2 in a sandbox, undefined names an error. Prints one `NAME: "value"` line per variable,
ready for an ansible-runner env/envvars file. Only env injectors are supported: extra_vars and file
injectors fail.

Usage: python awx_credential_env.py CREDENTIAL_TYPE.yml FIELD=VALUE...
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import sys

import yaml
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

# The keys AWX accepts in an input field, and in a credential type.
FIELD_KEYS = {'id', 'label', 'type', 'format', 'choices', 'help_text', 'multiline', 'secret', 'ask_at_runtime',
              'default'}
TYPE_KEYS = {'name', 'description', 'kind', 'inputs', 'injectors'}
CUSTOM_KINDS = {'cloud', 'net'}
ENV_NAME = re.compile(r'^[a-zA-Z_][a-zA-Z0-9_]*$')


def injected_env(credential_type, values):
    """The env injectors of credential_type rendered with values, after AWX's own checks."""
    unknown = set(credential_type) - TYPE_KEYS
    if unknown:
        raise ValueError('unknown keys in the credential type: %s' % ', '.join(sorted(unknown)))
    if credential_type.get('kind') not in CUSTOM_KINDS:
        raise ValueError('kind must be one of %s' % ', '.join(sorted(CUSTOM_KINDS)))
    fields = credential_type['inputs']['fields']
    inputs = {}
    for field in fields:
        unknown = set(field) - FIELD_KEYS
        if unknown or 'id' not in field or 'label' not in field:
            raise ValueError('field %r: needs id and label, may not have %s' % (field.get('id'), sorted(unknown)))
        value = values.get(field['id'], field.get('default'))
        if value is not None and 'choices' in field and value not in field['choices']:
            raise ValueError('%s=%r is not one of its choices' % (field['id'], value))
        if value is not None:
            inputs[field['id']] = value
    missing = [name for name in credential_type['inputs'].get('required', []) if not inputs.get(name)]
    if missing:
        raise ValueError('required inputs missing: %s' % ', '.join(missing))
    extra = set(values) - {field['id'] for field in fields}
    if extra:
        raise ValueError('the credential type has no field %s' % ', '.join(sorted(extra)))

    injectors = credential_type['injectors']
    if set(injectors) != {'env'}:
        raise ValueError('only env injectors are supported here, got %s' % ', '.join(sorted(injectors)))
    sandbox = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    env = {}
    for name, template in injectors['env'].items():
        if not ENV_NAME.match(name) or name.startswith('ANSIBLE_'):
            raise ValueError('AWX refuses the environment variable name %s' % name)
        env[name] = sandbox.from_string(template).render(inputs)
    return env


def main(argv):
    if len(argv) < 2 or not all('=' in argument for argument in argv[2:]):
        sys.exit(__doc__)
    with open(argv[1]) as handle:
        credential_type = yaml.safe_load(handle)
    values = dict(argument.split('=', 1) for argument in argv[2:])
    try:
        env = injected_env(credential_type, values)
    except (ValueError, KeyError, TypeError, TemplateError) as exc:
        sys.exit('%s: %s' % (argv[1], exc))
    for name, value in env.items():
        print('%s: %s' % (name, json.dumps(value)))


if __name__ == '__main__':
    main(sys.argv)
