{#- Small shell helpers shared by every image. -#}
{% macro header() -%}
set -euo pipefail
exec > >(tee -a /var/log/{{ name }}-build.log) 2>&1
echo "==> {{ name }} {{ version }}"
{%- endmacro %}

{% macro step(title) -%}
echo "--> {{ title }}"
{{ caller() }}
echo "<-- {{ title }} ok"
{%- endmacro %}

{% macro retry(cmd, attempts=5, delay=10) -%}
for i in $(seq 1 {{ attempts }}); do
  {{ cmd }} && break
  [ "$i" = {{ attempts }} ] && exit 1
  sleep {{ delay }}
done
{%- endmacro %}

{% macro apt_install(pkgs) -%}
{{ retry('apt-get update -q', attempts=3) }}
apt-get install -y -q {{ pkgs|join(' ') }}
{%- endmacro %}

{% macro git_checkout(repo, dest, ref='main') -%}
git clone --depth 1 --branch {{ ref }} {{ repo }} {{ dest }}
git -C {{ dest }} rev-parse --short HEAD
{%- endmacro %}
