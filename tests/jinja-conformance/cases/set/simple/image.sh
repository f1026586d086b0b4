{% set prefix = '/opt/app' %}
{% set bin = prefix ~ '/bin' %}
export PATH={{ bin }}:$PATH
export APP_VERSION={{ version_tag }}
