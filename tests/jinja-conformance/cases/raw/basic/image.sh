{% raw %}
echo "{{ not a variable }}" {% if %}
{% endraw %}
