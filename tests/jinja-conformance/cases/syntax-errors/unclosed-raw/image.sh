{% raw %}
{{ x }}
