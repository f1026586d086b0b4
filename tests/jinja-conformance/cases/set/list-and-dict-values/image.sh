{% set pkgs = ['curl', 'git'] + ['jq'] %}
{% set opts = {'retries': 3, 'quiet': true} %}
{{ pkgs }} {{ opts }} {{ pkgs|length }} {{ opts.retries }}
