{% for v in ['HOME', 'PATH'] %}echo {% raw %}${{% endraw %}{{ v }}{% raw %}}{% endraw %}
{% endfor %}
