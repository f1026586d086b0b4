{{ sysctl['net.core.somaxconn'] }} {{ sysctl['vm.max_map_count'] }} {{ headers['X-Frame-Options'] }} {{ headers['content-type'] }}
{% for k, v in sysctl|dictsort %}sysctl -w {{ k }}={{ v }}
{% endfor %}
