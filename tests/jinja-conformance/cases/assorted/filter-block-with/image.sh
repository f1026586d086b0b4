{% filter upper | replace('O', '0') %}hello world {{ env.Region }}{% endfilter %}
{% with a = 1, b = ports | length %}{{ a + b }}{% endwith %}
{% raw %}{{ not rendered }}{% endraw %}
