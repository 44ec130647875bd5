# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run every snippet of the README, the role's README and the guides as a reader would, against the Datadog API
emulator and moto; tasks and plays in check mode first (which must send Datadog no write), then for real.

Usage: snippets.py WORK_DIR. The environment points the collection at the emulator (DD_HOST, DD_API_KEY, DD_APP_KEY,
REQUESTS_CA_BUNDLE) and at moto (AWS_*, MOTO_URL), as runme.sh sets it.

Each snippet is found by its document and first line in HOW, which says how a reader uses it. A snippet HOW does
not know fails the run (say there how it runs), and so does an entry of HOW that no snippet matches any more. What
the harness adds to a snippet is listed here and nothing else:
- stand-ins for what the reader supplies: the keys behind `vault_datadog_api_key`/`vault_datadog_app_key`, `...` and
  `<api key>`; a vault password file for `--ask-vault-pass`; an AWS profile `management`; an AWS Organization;
- a play around tasks, and around play keywords without tasks a read that uses them;
- assertions on what the snippet produced.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import textwrap
import urllib.request

import boto3
import yaml


def collection_root():
    """The ddog.aws that ansible-playbook runs here: the first on ANSIBLE_COLLECTIONS_PATH (ansible-test sets it to
    the collection under test), else the checkout around this file."""
    for path in os.environ.get('ANSIBLE_COLLECTIONS_PATH', '').split(os.pathsep):
        candidate = os.path.join(path, 'ansible_collections', 'ddog', 'aws')
        if path and os.path.isfile(os.path.join(candidate, 'README.md')):
            return candidate
    return os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..'))


ROOT = collection_root()
DOCUMENTS = ['README.md', 'roles/integration_role/README.md'] + sorted(
    os.path.relpath(path, ROOT) for path in glob.glob(os.path.join(ROOT, 'docs', 'docsite', 'rst', '*.rst')))
ACCOUNT = '123456789012'    # moto's account for the credentials setup_moto exports: the snippets' account
HEX32 = r"'^[0-9a-f]{32}$'"
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')
# POSTs that change nothing in Datadog: check mode may send them (validating a CCM config persists nothing).
CHECKS = ('/api/v2/integration/aws/validate_ccm_config',)

# (document, first line of the snippet) -> how a reader uses it.
#   tasks, play, play_keywords: run with ansible-playbook, --check first, then for real (`states`: fresh, the
#       emulator and moto empty; integrated, Datadog already integrating ACCOUNT); `expect`: conditions asserted
#       after the real run, `expect_check` after the check run
#   inventory: written to `file`, listed with ansible-inventory; `expect_hostvars`: {account name: {var: value}};
#       `home`: HOME is the work directory, where what the snippet writes under ~ stays; `expect_files`: globs,
#       under the work directory, that must match a file after the listing
#   vars_file: written to the path its first line names, beside the inventory of `with_inventory`, then `command`
#       runs there without DD_API_KEY and DD_APP_KEY
#   shell: run, with a document's other shell snippets, in order, in one shell (`files`: written first)
#   output: sample output; its first line and its count line must appear in the output of the document's shell
#   not_run: why a test cannot run it, and which test covers what it shows
HOW = {
    ('README.md', "# Every member account of your AWS Organization, both sides, in parallel; then a summary per account."):
        dict(run='shell'),
    ('README.md', '- name: Get a new external ID for the Datadog integration role'):
        dict(run='tasks', expect=['datadog.external_id is match(%s)' % HEX32], expect_check=['datadog is changed']),
    ('README.md', 'make demo    # builds the collection, starts a local Datadog API emulator, runs the example playbook,'):
        dict(run='not_run', why='make targets: CI runs make test, and make demo is the README quick start'),
    ('README.md', 'ansible-galaxy collection install git+https://github.com/ddog-aws/ddog.aws.git,main'):
        dict(run='not_run', why='installs from GitHub, which tests cannot reach; make lint installs the built artifact'),
    ('README.md', 'collections:'):
        dict(run='not_run', why='a requirements file that installs from GitHub, which tests cannot reach'),
    ('README.md', 'ansible-galaxy collection build .                     # writes ddog-aws-0.3.0.tar.gz'):
        dict(run='not_run', why='make lint builds the artifact this way and has galaxy-importer import it'),
    ('README.md', 'cd examples/execution-environment'):
        dict(run='not_run', why='needs a container engine and a registry; make ee checks the definition with '
                                'ansible-builder create and introspect'),
    ('README.md', '- name: Datadog AWS integration'):
        dict(run='play', expect=['datadog.external_id is match(%s)' % HEX32]),
    ('README.md', 'export DD_API_KEY=... DD_APP_KEY=... DD_SITE=datadoghq.eu'):
        dict(run='shell'),
    ('README.md', '- hosts: localhost'):
        dict(run='play', expect=['datadog.external_id is match(%s)' % HEX32]),
    ('README.md', 'module_defaults:'):
        dict(run='play_keywords', expect=['read.permissions | length > 0']),
    ('README.md', '- name: Read the external ID in use, if any'):
        dict(run='tasks', states=('fresh', 'integrated'),
             expect=['datadog_external_id is match(%s)' % HEX32,
                     'datadog_external_id == current.external_id if current.integrated else '
                     'datadog_external_id == generated.external_id']),
    ('README.md', '- name: Datadog collects from the account through the role, with these settings'):
        dict(run='tasks', expect=['integration.external_id is match(%s)' % HEX32,
                                  "integration.trust_policy.Statement[0].Condition.StringEquals['sts:ExternalId'] "
                                  "== integration.external_id"]),
    ('README.md', '- ddog.aws.datadog_aws_external_id:'):
        dict(run='tasks', expect=['datadog.external_id is match(%s)' % HEX32]),
    ('README.md', '- hosts: localhost\n  module_defaults:\n    group/ddog.aws.datadog: {site: datadoghq.eu}'):
        dict(run='play', expect=["integration_role_outcome == 'created'"],
             expect_check=["integration_role_outcome == 'created'"]),
    ('README.md', 'ansible-playbook -i org.aws_organization.yml ddog.aws.organization_rollout --forks 20'):
        dict(run='shell', files={'datadog.yml': 'vaulted keys'}),
    ('README.md', '- ansible.builtin.debug:'):
        dict(run='tasks', after=('README.md', '- name: Get a new external ID for the Datadog integration role')),
    ('README.md', 'make demo        # the collection against the local Datadog API emulator'):
        dict(run='not_run', why='make targets: CI runs make test, and make demo is the README quick start'),
    ('roles/integration_role/README.md', "- name: The IAM role Datadog's AWS integration assumes"):
        dict(run='play', expect=["integration_role_outcome == 'created'",
                                 'integration_role_external_id is match(%s)' % HEX32,
                                 "integration_role_arn == 'arn:aws:iam::%s:role/DatadogIntegrationRole'" % ACCOUNT]),
    ('docs/docsite/rst/benchmarks.rst', '$ make bench'):
        dict(run='not_run', why='the benchmark takes minutes; make bench runs it'),
    ('docs/docsite/rst/guide_account.rst', '- name: Datadog collects from the account through the role'):
        dict(run='tasks', expect=['integration.external_id is match(%s)' % HEX32]),
    ('docs/docsite/rst/guide_account.rst', '- name: Every AWS account Datadog integrates, with every setting'):
        dict(run='tasks', states=('integrated',), expect=['integrations.accounts | length == 1']),
    ('docs/docsite/rst/guide_account.rst', "- name: Only the network metrics of EC2, and RDS without Aurora's"):
        dict(run='tasks', states=('integrated',)),
    ('docs/docsite/rst/guide_account.rst', '- name: What Datadog can collect from AWS'):
        dict(run='tasks', states=('integrated',), expect=["catalog.namespaces | select('search', 'sagemaker') | list | length > 0"]),
    ('docs/docsite/rst/guide_events_and_costs.rst', "- name: Datadog's events reach EventBridge in us-east-1"):
        dict(run='tasks', states=('integrated',), expect=["source.event_source_name is match('^app-alerts-[a-z0-9]{8}$')"]),
    ('docs/docsite/rst/guide_events_and_costs.rst', "- name: Datadog reads the account's costs from a CUR 2.0 export"):
        dict(run='tasks', states=('integrated',)),
    ('docs/docsite/rst/guide_external_id.rst', '- hosts: localhost'):
        dict(run='play_keywords', expect=['read.permissions | length > 0']),
    ('docs/docsite/rst/guide_external_id.rst', '- name: Read the external ID in use, if any'):
        dict(run='tasks', states=('fresh', 'integrated'), expect=['datadog_external_id is match(%s)' % HEX32]),
    ('docs/docsite/rst/guide_integration_role.rst', "- name: Datadog's integration role in one AWS account"):
        dict(run='play', expect=["integration_role_outcome == 'created'"]),
    ('docs/docsite/rst/guide_integration_role.rst', 'module_defaults:\n  group/ddog.aws.datadog:\n    site: ddog-gov.com'):
        dict(run='play_keywords', expect=["integration_role_arn.startswith('arn:aws-us-gov:iam::')"]),
    ('docs/docsite/rst/guide_integration_role.rst', 'roles:'):
        dict(run='play_keywords', expect=["integration_role_outcome == 'created'"]),
    ('docs/docsite/rst/guide_organization.rst', '$ ansible-galaxy collection install git+https://github.com/ddog-aws/ddog.aws.git,main'):
        dict(run='not_run', why='installs from GitHub, which tests cannot reach; make lint installs the built artifact'),
    ('docs/docsite/rst/guide_organization.rst', '$ export AWS_PROFILE=management AWS_REGION=us-east-1'):
        dict(run='shell'),
    ('docs/docsite/rst/guide_organization.rst', '$ ansible-playbook -i prod.aws_organization.yml ddog.aws.organization_rollout --check --diff'):
        dict(run='shell'),
    ('docs/docsite/rst/guide_organization.rst', 'TASK [What the run did, account by account] ******************************'):
        dict(run='output'),
    ('docs/docsite/rst/guide_organization.rst', '# prod.aws_organization.yml\nplugin: ddog.aws.aws_organization\nprofile: management'):
        dict(run='inventory', file='prod.aws_organization.yml'),
    ('docs/docsite/rst/guide_organization.rst', '$ ansible-inventory -i prod.aws_organization.yml --graph'):
        dict(run='shell'),
    ('docs/docsite/rst/guide_organization.rst', '- hosts: aws_organization_members'):
        dict(run='play', inventory=True),
    ('docs/docsite/rst/guide_organization.rst', '$ ansible-playbook -i prod.aws_organization.yml ddog.aws.organization_rollout --forks 20'):
        dict(run='shell'),
    ('docs/docsite/rst/guide_organization.rst', '# prod.aws_organization.yml\nplugin: ddog.aws.aws_organization\ncompose:'):
        dict(run='inventory', file='compose.aws_organization.yml',
             expect_hostvars={'Prod': {'integration_role_account_tags': ['ou:Workloads/Prod', 'account:Prod']},
                              'Staging': {'integration_role_account_tags': ['ou:Workloads', 'account:Staging']}}),
    ('docs/docsite/rst/guide_organization.rst',
     '# prod.aws_organization.yml\nplugin: ddog.aws.aws_organization\nread_account_tags: true\nexclude_tags:'):
        dict(run='inventory', file='tags.aws_organization.yml',
             expect_hostvars={'Prod': {'aws_account_tags': {'Team': 'payments'},
                                       'integration_role_account_tags': ['team:payments']},
                              'Staging': {'aws_account_tags': {}, 'integration_role_account_tags': ['team:none']}}),
    ('docs/docsite/rst/guide_organization.rst',
     '# prod.aws_organization.yml\nplugin: ddog.aws.aws_organization\nread_account_tags: true\ncache: true'):
        dict(run='inventory', file='cached.aws_organization.yml', home=True,
             expect_files=['.cache/ddog-aws-inventory/ansible_inventory_*']),
    ('docs/docsite/rst/guide_organization.rst', "$ cat > datadog.yml <<'EOF'"):
        dict(run='shell'),
    ('docs/docsite/rst/guide_organization.rst', '# group_vars/all/datadog.yml'):
        dict(run='vars_file', with_inventory='prod.aws_organization.yml',
             command='ansible-playbook -i prod.aws_organization.yml ddog.aws.organization_rollout'),
    ('docs/docsite/rst/guide_organization.rst',
     '$ ansible-playbook -i prod.aws_organization.yml ddog.aws.organization_rollout -e integration_role_state=absent'):
        dict(run='shell'),
    ('docs/docsite/rst/organization_rollout.rst',
     '$ ansible-playbook -i prod.aws_organization.yml ddog.aws.organization_rollout --check --diff   # what it would do'):
        dict(run='shell', files={'prod.aws_organization.yml': 'plugin: ddog.aws.aws_organization\n'}),
    ('docs/docsite/rst/organization_rollout.rst', 'TASK [What the run did, account by account] **************************************'):
        dict(run='output'),
}


class Snippet(object):
    def __init__(self, document, line, language, text):
        self.document, self.line, self.language, self.text = document, line, language, text

    def __str__(self):
        return '%s line %d' % (self.document, self.line)

    def matches(self, key):
        return key[0] == self.document and self.text.startswith(key[1])


def markdown_snippets(document, text):
    for match in re.finditer(r'^```(\w*)\n(.*?)^```', text, re.S | re.M):
        yield Snippet(document, text[:match.start()].count('\n') + 1, match.group(1), textwrap.dedent(match.group(2)))


def rst_snippets(document, text):
    lines = text.split('\n')
    for number, line in enumerate(lines):
        match = re.match(r'^( *)\.\. code-block:: (\S+)', line)
        if not match:
            continue
        body, indent = [], len(match.group(1))
        for following in lines[number + 1:]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following)
        yield Snippet(document, number + 1, match.group(2), textwrap.dedent('\n'.join(body)).strip('\n') + '\n')


def all_snippets():
    for document in DOCUMENTS:
        with open(os.path.join(ROOT, document)) as handle:
            text = handle.read()
        yield from (markdown_snippets if document.endswith('.md') else rst_snippets)(document, text)


def how(snippets):
    """Each snippet with its entry of HOW; fails on a snippet no entry matches, or on two, or on an unused entry."""
    problems, used, paired = [], set(), []
    for snippet in snippets:
        keys = [key for key in HOW if snippet.matches(key)]
        # The longest first line wins: several snippets start with `- hosts: localhost`.
        longest = [key for key in keys if len(key[1]) == max(len(other[1]) for other in keys)]
        if len(longest) != 1:
            problems.append('%s: %s entry of HOW matches it:\n%s'
                            % (snippet, 'more than one' if keys else 'no', textwrap.indent(snippet.text, '    ')))
            continue
        used.add(longest[0])
        paired.append((snippet, HOW[longest[0]]))
    problems.extend('HOW entry %r matches no snippet' % (key,) for key in HOW if key not in used)
    if problems:
        sys.exit('\n'.join(problems))
    return paired


class Emulator(object):
    """The emulator's control endpoints: reset, integrate an account, the journal."""

    def __init__(self):
        self.url = os.environ['DD_HOST']
        self.context = ssl.create_default_context(cafile=os.environ['REQUESTS_CA_BUNDLE'])

    def control(self, name, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + '/_emulator/' + name, data=data, method='GET' if data is None
                                         else 'POST', headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, context=self.context, timeout=30) as answer:
            return json.load(answer)

    def writes(self):
        return [(entry['method'], entry['path']) for entry in self.control('journal')['requests']
                if entry['method'] in WRITES and entry['path'] not in CHECKS]


def fresh_state(emulator, state):
    """Datadog and AWS as a reader starts from: nothing, or Datadog already integrating ACCOUNT; and an AWS
    Organization of two member accounts, Prod (tagged Team=payments) in the OU Workloads/Prod, Staging in
    Workloads."""
    emulator.control('reset', {})
    urllib.request.urlopen(urllib.request.Request(os.environ['MOTO_URL'] + '/moto-api/reset', data=b'',
                                                  method='POST'), timeout=30).close()
    if state == 'integrated':
        emulator.control('accounts', {'aws_account_id': ACCOUNT, 'role_name': 'DatadogIntegrationRole'})
    organizations = boto3.client('organizations', region_name='us-east-1')
    organizations.create_organization(FeatureSet='ALL')
    root = organizations.list_roots()['Roots'][0]['Id']
    workloads = organizations.create_organizational_unit(ParentId=root, Name='Workloads')['OrganizationalUnit']['Id']
    prod = organizations.create_organizational_unit(ParentId=workloads, Name='Prod')['OrganizationalUnit']['Id']
    for name, parent, tags in (('Prod', prod, [{'Key': 'Team', 'Value': 'payments'}]), ('Staging', workloads, [])):
        account = organizations.create_account(AccountName=name, Email='%s@example.com' % name, Tags=tags)
        account_id = account['CreateAccountStatus']['AccountId']
        organizations.move_account(AccountId=account_id, SourceParentId=root, DestinationParentId=parent)


def run(command, cwd, env=None):
    """Run a command, print what it printed; fail the harness when it failed."""
    print('+ (%s) %s' % (cwd, ' '.join(command) if isinstance(command, list) else command), flush=True)
    completed = subprocess.run(command, cwd=cwd, env=env, shell=isinstance(command, str), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, executable='/bin/bash' if isinstance(command, str) else None,
                               check=False)
    output = completed.stdout.decode('utf-8', 'replace')
    print(output, flush=True)
    if completed.returncode != 0:
        raise AssertionError('exit status %d: %s' % (completed.returncode, command))
    return output


def playbook_for(snippet, spec, before, check):
    """The play(s) a reader would write around the snippet, and the assertions the harness adds."""
    content = yaml.safe_load(snippet.text)
    if spec['run'] == 'tasks':
        tasks = list(content)
        if before:
            tasks = yaml.safe_load(before) + tasks
        plays = [dict(hosts='localhost', gather_facts=False, tasks=tasks)]
    elif spec['run'] == 'play_keywords':
        play = dict(hosts='localhost', gather_facts=False)
        play.update(content[0] if isinstance(content, list) else content)
        if 'tasks' not in play and 'roles' not in play:
            play['tasks'] = [{'name': 'A read with the keys and site the keywords give',
                              'ddog.aws.datadog_aws_iam_permissions_info': None, 'register': 'read'}]
        plays = [play]
    else:
        plays = list(content)
    expect = spec.get('expect_check' if check else 'expect')
    if expect:
        plays.append(dict(name='What the snippet produced', hosts='localhost', gather_facts=False, tasks=[
            {'ansible.builtin.assert': {'that': expect}}]))
    return plays


def run_playbook(snippet, spec, before, emulator, work, env):
    for state in spec.get('states', ('fresh',)):
        fresh_state(emulator, state)
        for check in (True, False):
            path = os.path.join(work, 'snippet.yml')
            with open(path, 'w') as handle:
                yaml.safe_dump(playbook_for(snippet, spec, before, check), handle, sort_keys=False)
            command = ['ansible-playbook', path, '-e', '@' + os.path.join(work, 'standins.yml')]
            if spec.get('inventory'):
                command += ['-i', 'prod.aws_organization.yml']
            if check:
                command.append('--check')
            print('=== %s (%s, %s)' % (snippet, state, 'check mode' if check else 'for real'), flush=True)
            run(command, work, env)
            if check and emulator.writes():
                raise AssertionError('%s sent Datadog writes in check mode: %s' % (snippet, emulator.writes()))


def plain(value):
    """ansible-core 2.19 and later print values that came from an inventory plugin as {"__ansible_unsafe": value}."""
    if isinstance(value, dict):
        return value['__ansible_unsafe'] if set(value) == {'__ansible_unsafe'} else dict(
            (key, plain(item)) for key, item in value.items())
    return [plain(item) for item in value] if isinstance(value, list) else value


def run_inventory(snippet, spec, work, env):
    path = os.path.join(work, spec['file'])
    with open(path, 'w') as handle:
        handle.write(snippet.text)
    print('=== %s' % snippet, flush=True)
    if spec.get('home'):
        env = dict(env, HOME=work)
    listed = plain(json.loads(subprocess.run(['ansible-inventory', '-i', path, '--list'], cwd=work, env=env,
                                             stdout=subprocess.PIPE, check=True).stdout))
    names = dict((variables['aws_account_name'], variables) for variables in listed['_meta']['hostvars'].values())
    assert sorted(names) == ['Prod', 'Staging'], names
    for name, expected in spec.get('expect_hostvars', {}).items():
        for variable, value in expected.items():
            assert names[name][variable] == value, (name, variable, names[name].get(variable))
    for pattern in spec.get('expect_files', []):
        assert glob.glob(os.path.join(work, pattern)), (str(snippet), pattern)


def shell_script(snippet):
    """The commands of a snippet: every line of a shell block; the `$ ` lines of a console block, and the lines of
    a here-document they open."""
    if snippet.language != 'console':
        return snippet.text
    commands, heredoc = [], None
    for line in snippet.text.split('\n'):
        if heredoc is not None:
            commands.append(line)
            heredoc = None if line == heredoc else heredoc
        elif line.startswith('$ '):
            commands.append(line[2:])
            match = re.search(r"<<-?\s*'?(\w+)'?", line)
            heredoc = match.group(1) if match else None
    return '\n'.join(commands) + '\n'


def stand_in(script, keys):
    """The reader's values in the harness's: the keys, and a vault password from a file rather than a prompt."""
    script = re.sub(r'\b(DD_API_KEY)=\.\.\.', r'\1=%s' % keys['api'], script)
    script = re.sub(r'\b(DD_APP_KEY)=\.\.\.', r'\1=%s' % keys['app'], script)
    script = script.replace('<api key>', keys['api']).replace('<application key>', keys['app'])
    return script.replace('--ask-vault-pass', '--vault-password-file "$ANSIBLE_VAULT_PASSWORD_FILE"')


def run_session(document, snippets, work, env, keys, emulator):
    """A document's shell snippets, in order, in one shell: what a reader following it would type."""
    session = os.path.join(work, 'session-' + re.sub(r'\W', '_', document))
    os.makedirs(session)
    fresh_state(emulator, 'fresh')
    script = ['set -euxo pipefail']
    for snippet, spec in snippets:
        for name, content in spec.get('files', {}).items():
            if content == 'vaulted keys':
                with open(os.path.join(session, name), 'w') as handle:
                    yaml.safe_dump(dict(datadog_api_key=keys['api'], datadog_app_key=keys['app'],
                                        datadog_site='datadoghq.eu'), handle)
                run(['ansible-vault', 'encrypt', name], session, env)
            else:
                with open(os.path.join(session, name), 'w') as handle:
                    handle.write(content)
        script.append('# %s' % snippet)
        script.append(stand_in(shell_script(snippet), keys))
    # The inventory files the documents show, unless the session has its own.
    for inventory in glob.glob(os.path.join(work, '*.aws_organization.yml')):
        if not os.path.exists(os.path.join(session, os.path.basename(inventory))):
            shutil.copy(inventory, session)
    print('=== %s: its shell snippets' % document, flush=True)
    return run('\n'.join(script), session, env)


def check_output_sample(snippet, output):
    """The sample's first line and its count line, with any number, appear in what the document's commands printed."""
    lines = snippet.text.split('\n')
    assert lines[0].split(' *')[0] in output, (str(snippet), lines[0])
    counts = next(line.strip().strip('",') for line in lines if re.search(r'\d+ accounts: ', line))
    pattern = re.sub(r'\\ ', ' ', re.sub(r'\d+', r'\\d+', re.escape(counts)))
    assert re.search(pattern, output), (str(snippet), pattern)


def run_vars_file(snippet, spec, work, env):
    place = os.path.join(work, 'vars-file')
    target = os.path.join(place, snippet.text.split('\n')[0].lstrip('# ').strip())
    os.makedirs(os.path.dirname(target))
    with open(target, 'w') as handle:
        handle.write(snippet.text)
    shutil.copy(os.path.join(work, spec['with_inventory']), place)
    without_keys = dict((name, value) for name, value in env.items() if name not in ('DD_API_KEY', 'DD_APP_KEY'))
    print('=== %s' % snippet, flush=True)
    run(spec['command'], place, without_keys)


def main(work):
    env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               ANSIBLE_FORCE_COLOR='false', ANSIBLE_NOCOLOR='true')
    keys = dict(api=os.environ['DD_API_KEY'], app=os.environ['DD_APP_KEY'])
    # What a reader supplies: vaulted keys, a vault password, the management account's profile.
    with open(os.path.join(work, 'standins.yml'), 'w') as handle:
        yaml.safe_dump(dict(vault_datadog_api_key=keys['api'], vault_datadog_app_key=keys['app']), handle)
    env['ANSIBLE_VAULT_PASSWORD_FILE'] = os.path.join(work, 'vault-password')
    with open(env['ANSIBLE_VAULT_PASSWORD_FILE'], 'w') as handle:
        handle.write('not-a-real-vault-password\n')
    # The reader's AWS credentials are in ~/.aws files, as the default profile and the profile `management` the
    # guides name (moto's fake keys), not in AWS_ACCESS_KEY_ID, which amazon.aws refuses beside a profile.
    env['AWS_CONFIG_FILE'] = os.path.join(work, 'aws-config')
    env['AWS_SHARED_CREDENTIALS_FILE'] = os.path.join(work, 'aws-credentials')
    with open(env['AWS_CONFIG_FILE'], 'w') as handle:
        handle.write('[default]\nregion = us-east-1\n[profile management]\nregion = us-east-1\n')
    with open(env['AWS_SHARED_CREDENTIALS_FILE'], 'w') as handle:
        for profile in ('default', 'management'):
            handle.write('[%s]\naws_access_key_id = %s\naws_secret_access_key = %s\n'
                         % (profile, env['AWS_ACCESS_KEY_ID'], env['AWS_SECRET_ACCESS_KEY']))
    del env['AWS_ACCESS_KEY_ID'], env['AWS_SECRET_ACCESS_KEY']
    secrets = boto3.client('secretsmanager', region_name='us-east-1')

    paired = how(all_snippets())
    texts = dict(((snippet.document, snippet.text.split('\n')[0]), snippet.text) for snippet, _spec in paired)
    emulator = Emulator()
    failures = []

    def attempt(what, step, *args):
        try:
            return step(*args)
        except (AssertionError, subprocess.CalledProcessError) as failure:
            print('FAILED: %s: %s' % (what, failure), flush=True)
            failures.append('%s: %s' % (what, failure))

    fresh_state(emulator, 'fresh')
    for snippet, spec in paired:
        if spec['run'] == 'inventory':
            attempt(snippet, run_inventory, snippet, spec, work, env)
    for snippet, spec in paired:
        if spec['run'] in ('tasks', 'play', 'play_keywords'):
            before = texts[spec['after']] if spec.get('after') else None
            attempt(snippet, run_playbook, snippet, spec, before, emulator, work, env)
    outputs = {}
    for document in DOCUMENTS:
        shell = [(snippet, spec) for snippet, spec in paired if snippet.document == document and spec['run'] == 'shell']
        if shell:
            outputs[document] = attempt(document, run_session, document, shell, work, env, keys, emulator) or ''
    for snippet, spec in paired:
        if spec['run'] == 'output':
            attempt(snippet, check_output_sample, snippet, outputs[snippet.document])
        elif spec['run'] == 'vars_file':
            fresh_state(emulator, 'fresh')
            for kind in ('api', 'app'):
                secrets.create_secret(Name='datadog/%s_key' % kind, SecretString=keys[kind])
            attempt(snippet, run_vars_file, snippet, spec, work, env)
    ran = sum(1 for _snippet, spec in paired if spec['run'] != 'not_run')
    print('%d snippets run, %d not run:' % (ran, len(paired) - ran))
    for snippet, spec in paired:
        if spec['run'] == 'not_run':
            print('  %s: %s' % (snippet, spec['why']))
    if failures:
        sys.exit('%d failed:\n%s' % (len(failures), '\n'.join(failures)))


if __name__ == '__main__':
    main(os.path.abspath(sys.argv[1]))
