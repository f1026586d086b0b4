# packages.install.sh
{%- if packages %}
{% for package in packages %}
yum install -y {{ package }}
{%- endfor %}
{% else %}
echo "no extra packages"
{% endif %}
