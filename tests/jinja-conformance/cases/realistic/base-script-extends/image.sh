{% extends 'base.sh' %}

{% block description %}{{ role }} server{% endblock %}

{% block packages -%}
{{ super() }}
apt-get install -y {{ packages|join(' ') }}
{%- endblock %}

{% block configure -%}
systemctl enable nginx
certbot --version
{%- endblock %}

{% block cleanup -%}
{{ super() }}
rm -f /etc/nginx/sites-enabled/default
{%- endblock %}
