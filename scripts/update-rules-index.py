#!/usr/bin/env python3
"""Regenerates rules/docs/README.md from `smolsp rules --format json` (a meta-test fails when it is stale).

Usage: dotnet run --project server/SmoLsp.Server -- rules --format json | scripts/update-rules-index.py
"""
import json
import pathlib
import sys

CATEGORIES = {'open-graph': 'Open Graph', 'twitter': 'X / Twitter Cards', 'titles': 'Titles and descriptions',
              'urls': 'URLs and canonical', 'images': 'Images', 'social': 'Social links and identity', 'engine': 'Engine'}

rules = [r for r in json.load(sys.stdin) if r['id'].startswith('SMO')]
out = ['# Rule catalog', '',
       'Every rule SmoLsp ships. Ids are stable and never reused. Severity is the default; every rule',
       'can be configured in `smolsp.json` (`"rules": { "SMO203": "off" }`). Fix: **safe** fixes are applied by',
       '`smolsp check --fix` and fix-all; **suggestion** fixes are offered in the editor only.', '']
for category in dict.fromkeys(r['category'] for r in rules):
    out += [f'## {CATEGORIES.get(category, category)}', '', '| Id | Title | Severity | Fix |', '|---|---|---|---|']
    out += [f"| [{r['id']}]({r['id']}.md) | {r['title']} | {r['defaultSeverity']} | {r['fixable']} |" for r in rules if r['category'] == category]
    out.append('')
path = pathlib.Path(__file__).resolve().parent.parent / 'rules' / 'docs' / 'README.md'
path.write_text('\n'.join(out), encoding='utf-8')
print(f'wrote {len(rules)} rules to {path}')
