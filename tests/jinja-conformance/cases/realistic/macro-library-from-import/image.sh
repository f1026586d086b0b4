#!/bin/bash
{% from 'sh.sh' import header, step, retry, apt_install, git_checkout with context %}
{{ header() }}

{% call step('packages') -%}
{{ apt_install(packages) }}
{%- endcall %}

{% for c in checkouts -%}
{% call step('checkout ' ~ c.dest.split('/')|last) -%}
{{ git_checkout(c.repo, c.dest, c.ref|default('main')) }}
{%- endcall %}
{% endfor %}

{% call step('verify') -%}
{{ retry('test -x /opt/tool/bin/tool', attempts=3, delay=2) }}
{%- endcall %}
echo "all {{ checkouts|length + 2 }} steps done"
