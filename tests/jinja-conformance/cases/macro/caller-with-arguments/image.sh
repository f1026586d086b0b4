{% macro each_user(list) %}{% for u in list %}{{ caller(u, loop.index) }}{% endfor %}{% endmacro %}
{% call(user, n) each_user(users) %}
{{ n }}: useradd {{ user }}
{% endcall %}
