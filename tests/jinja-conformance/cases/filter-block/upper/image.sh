{% filter upper %}
echo hello {{ name }}
{% endfilter %}
